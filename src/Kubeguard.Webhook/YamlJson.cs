using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Webhook;

/// <summary>
/// One YAML document as a JSON tree, read with YamlDotNet's representation model (no reflection):
/// plain scalars become booleans, numbers and nulls as YAML resolves them; quoted scalars stay strings.
/// </summary>
internal static class YamlJson
{
    /// <summary>
    /// The client's source-generated model metadata, reading a number or boolean where a string is
    /// expected as its text (an unquoted label value <c>true</c> is the string "true", as a typed YAML reader gives it).
    /// </summary>
    public static SourceGenerationContext Models { get; } = new(CreateOptions());

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SourceGenerationContext.Default.Options) { TypeInfoResolver = null };
        options.Converters.Insert(0, new ScalarAsStringConverter());
        return options;
    }

    /// <summary>Reads the single document in <paramref name="text"/>.</summary>
    /// <exception cref="YamlException">The YAML is malformed.</exception>
    public static JsonNode? Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "aliases are not supported"),
    };

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "mapping keys must be scalars");
            if (!obj.TryAdd(name, Convert(value)))
            {
                throw new YamlException(key.Start, key.End, $"duplicate key \"{name}\"");
            }
        }

        return obj;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>Reads a string, or the text of a number or boolean.</summary>
    private sealed class ScalarAsStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw new JsonException($"The JSON value could not be converted to {typeof(string)}."),
        };

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
