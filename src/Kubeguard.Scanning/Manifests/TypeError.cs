using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Scanning.Manifests;

/// <summary>Turns a deserialization failure into a field path and a one-line message.</summary>
internal static class TypeError
{
    public static (string? Path, string Message) Describe(Exception ex, JsonObject root, string prefix)
    {
        var jsonPath = (ex as JsonException)?.Path;
        if (jsonPath is null)
        {
            return (null, "cannot read the object: " + ex.Message);
        }

        var relative = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var path = FieldPath.Combine(prefix, relative);
        var expected = Expected(ex.Message);
        var found = FieldPath.TryParse(path, out var segments) ? Found(NodeAt(root, segments)) : "a value";
        return (path, $"field {path} has the wrong type: found {found} where {expected} is expected");
    }

    private static JsonNode? NodeAt(JsonNode? node, IReadOnlyList<object> segments)
    {
        foreach (var segment in segments)
        {
            node = segment switch
            {
                string key when node is JsonObject obj => obj[key],
                int index when node is JsonArray array && index < array.Count => array[index],
                _ => null,
            };
        }

        return node;
    }

    private static string Found(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "the string " + node.ToJsonString(Quoting),
            JsonValueKind.Number => "the number " + node.ToJsonString(),
            JsonValueKind.True or JsonValueKind.False => "the boolean " + node.ToJsonString(),
            _ => "a value",
        },
        _ => "a value",
    };

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Expected(string message)
    {
        var start = message.IndexOf("converted to ", StringComparison.Ordinal);
        var type = start < 0 ? message : message[(start + "converted to ".Length)..];
        return type switch
        {
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "a boolean",
            _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "an integer (in range)",
            _ when type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Byte[]", StringComparison.Ordinal) => "base64 data",
            _ when type.Contains("IList", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal) => "a list",
            _ when type.Contains("IDictionary", StringComparison.Ordinal) || type.Contains("Dictionary`2", StringComparison.Ordinal) => "a mapping",
            _ when type.Contains("DateTime", StringComparison.Ordinal) => "a timestamp",
            _ when type.Contains("String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("k8s.Models", StringComparison.Ordinal) => "a mapping",
            _ => "another type",
        };
    }
}
