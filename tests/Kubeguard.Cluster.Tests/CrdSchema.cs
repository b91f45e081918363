using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Cluster.Tests;

/// <summary>
/// The <c>openAPIV3Schema</c> of one version of a CRD from <c>../shared/schemas/</c>, with a small
/// validator for the keywords CRD schemas use (type, properties, required, enum, items,
/// additionalProperties). Unlike plain JSON Schema it also rejects fields the schema does not
/// declare, because the API server prunes them (or refuses them under strict field validation).
/// </summary>
internal sealed class CrdSchema
{
    private readonly JsonObject _schema;

    private CrdSchema(JsonObject schema, string kind)
    {
        _schema = schema;
        Kind = kind;
    }

    public string Kind { get; }

    public static CrdSchema Load(string relativePath, string version)
    {
        var root = typeof(CrdSchema).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!;
        var path = Path.Combine(root, "..", "shared", "schemas", relativePath);
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var crd = ToJson(stream.Documents[0].RootNode)!.AsObject();
        var served = crd["spec"]!["versions"]!.AsArray().First(v => v!["name"]!.GetValue<string>() == version)!;
        return new CrdSchema(served["schema"]!["openAPIV3Schema"]!.AsObject(), crd["spec"]!["names"]!["kind"]!.GetValue<string>());
    }

    public List<string> Validate(JsonNode? document)
    {
        var errors = new List<string>();
        Validate(_schema, document, "$", errors);
        return errors;
    }

    private static void Validate(JsonObject schema, JsonNode? node, string path, List<string> errors)
    {
        var type = schema["type"]?.GetValue<string>();
        var kind = node?.GetValueKind() ?? JsonValueKind.Null;
        var typeOk = type switch
        {
            null => true,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "integer" => kind == JsonValueKind.Number && long.TryParse(node!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "number" => kind == JsonValueKind.Number,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
        if (!typeOk)
        {
            errors.Add($"{path}: expected {type}, got {kind}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add($"{path}: {node?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        if (node is JsonObject obj)
        {
            foreach (var required in schema["required"]?.AsArray() ?? [])
            {
                if (!obj.ContainsKey(required!.GetValue<string>()))
                {
                    errors.Add($"{path}: missing required {required}");
                }
            }

            var properties = schema["properties"]?.AsObject();
            var additional = schema["additionalProperties"] as JsonObject;
            var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
            foreach (var (key, value) in obj)
            {
                if (properties?[key] is JsonObject property)
                {
                    Validate(property, value, path + "." + key, errors);
                }
                else if (additional is not null)
                {
                    Validate(additional, value, path + "." + key, errors);
                }
                else if (properties is not null && !preserve)
                {
                    errors.Add($"{path}: field \"{key}\" is not declared by the schema (the API server would prune or reject it)");
                }
            }
        }

        if (node is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(items, array[i], $"{path}[{i}]", errors);
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when scalar.Value is "true" or "false" => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
