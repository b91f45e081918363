using System.Text;
using System.Text.Json.Nodes;

namespace Kubeguard.Testing.KubeApi;

/// <summary>
/// Objects held as parsed JSON (recorded-style bodies), ordered like etcd keys. Supports equality
/// label selectors (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a</c>, <c>!a</c>, comma-separated).
/// </summary>
public sealed class FakeObjects : FakeObjectSource
{
    private readonly List<(string Namespace, string Name, JsonObject Node, byte[] Json)> _items = [];

    /// <summary>How many objects are held.</summary>
    public int Count => _items.Count;

    /// <summary>Adds an object given as JSON text.</summary>
    public FakeObjects Add(string json) => Add(JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("not a JSON object", nameof(json)));

    /// <summary>Adds an object.</summary>
    public FakeObjects Add(JsonObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var metadata = item["metadata"]?.AsObject() ?? throw new ArgumentException("the object has no metadata", nameof(item));
        var ns = metadata["namespace"]?.GetValue<string>() ?? string.Empty;
        var name = metadata["name"]?.GetValue<string>() ?? throw new ArgumentException("the object has no name", nameof(item));
        _items.Add((ns, name, item, Encoding.UTF8.GetBytes(item.ToJsonString())));
        _items.Sort((a, b) => string.CompareOrdinal(a.Namespace + "/" + a.Name, b.Namespace + "/" + b.Name));
        return this;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ReadOnlyMemory<byte>> Items(string? namespaceName, string? labelSelector) =>
        [.. _items
            .Where(i => namespaceName is null || i.Namespace == namespaceName)
            .Where(i => Matches(i.Node, labelSelector))
            .Select(i => (ReadOnlyMemory<byte>)i.Json)];

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte>? Find(string? namespaceName, string name)
    {
        foreach (var item in _items)
        {
            if (item.Name == name && (namespaceName ?? string.Empty) == item.Namespace)
            {
                return item.Json;
            }
        }

        return null;
    }

    private static bool Matches(JsonObject item, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        var labels = item["metadata"]?["labels"]?.AsObject();
        string? Label(string key) => labels?[key]?.GetValue<string>();
        foreach (var raw in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ok = raw switch
            {
                _ when raw.Contains("!=", StringComparison.Ordinal) => Label(raw[..raw.IndexOf("!=", StringComparison.Ordinal)]) != raw[(raw.IndexOf("!=", StringComparison.Ordinal) + 2)..],
                _ when raw.Contains("==", StringComparison.Ordinal) => Label(raw[..raw.IndexOf("==", StringComparison.Ordinal)]) == raw[(raw.IndexOf("==", StringComparison.Ordinal) + 2)..],
                _ when raw.Contains('=', StringComparison.Ordinal) => Label(raw[..raw.IndexOf('=', StringComparison.Ordinal)]) == raw[(raw.IndexOf('=', StringComparison.Ordinal) + 1)..],
                _ when raw.StartsWith('!') => Label(raw[1..]) is null,
                _ => Label(raw) is not null,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
