using System.Text.Json;

namespace Kubeguard.Testing.KubeApi;

/// <summary>
/// Field selectors as kube-apiserver applies them to a list: <c>a=b</c>, <c>a==b</c> and <c>a!=b</c>,
/// comma-separated, over the fields each resource supports (every resource: <c>metadata.name</c>
/// and <c>metadata.namespace</c>; Secrets also <c>type</c>). Any other field is a 400, as upstream.
/// </summary>
internal static class FieldSelector
{
    public static string? Unsupported(string resource, string selector) =>
        Terms(selector).Select(t => t.Field).FirstOrDefault(f => f is not ("metadata.name" or "metadata.namespace") && !(resource == "secrets" && f == "type"));

    public static IReadOnlyList<ReadOnlyMemory<byte>> Filter(IReadOnlyList<ReadOnlyMemory<byte>> items, string selector)
    {
        var terms = Terms(selector).ToList();
        return [.. items.Where(item =>
        {
            using var document = JsonDocument.Parse(item);
            return terms.All(t => (Value(document.RootElement, t.Field) == t.Value) == t.Equal);
        })];
    }

    private static IEnumerable<(string Field, string Value, bool Equal)> Terms(string selector)
    {
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var not = raw.IndexOf("!=", StringComparison.Ordinal);
            if (not > 0)
            {
                yield return (raw[..not], raw[(not + 2)..], false);
                continue;
            }

            var parts = raw.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            yield return (parts[0], parts.Length > 1 ? parts[1] : string.Empty, true);
        }
    }

    private static string Value(JsonElement item, string field)
    {
        var node = item;
        foreach (var part in field.Split('.'))
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(part, out node))
            {
                return string.Empty;
            }
        }

        return node.ValueKind == JsonValueKind.String ? node.GetString() ?? string.Empty : node.ToString();
    }
}
