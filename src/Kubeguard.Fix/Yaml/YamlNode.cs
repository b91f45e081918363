using YamlDotNet.Core;

namespace Kubeguard.Fix.Yaml;

/// <summary>The kind of a located YAML node.</summary>
internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}

/// <summary>
/// A YAML node with its exact source span: <see cref="Start"/> and <see cref="End"/> are UTF-16
/// offsets into the whole file text (end exclusive). A block collection ends where its last
/// descendant ends; a flow collection ends after its closing bracket.
/// </summary>
internal sealed class YamlNode
{
    public required YamlNodeKind Kind { get; init; }

    public required int Start { get; init; }

    public int End { get; set; }

    public bool IsFlow { get; init; }

    public ScalarStyle ScalarStyle { get; init; }

    public string Value { get; init; } = string.Empty;

    public string? Anchor { get; init; }

    public string? Tag { get; init; }

    public List<KeyValuePair<YamlNode, YamlNode>> Pairs { get; } = [];

    public List<YamlNode> Items { get; } = [];

    /// <summary>True for an empty plain scalar (<c>key:</c> with nothing after it), which YAML reads as null.</summary>
    public bool IsEmptyScalar => Kind == YamlNodeKind.Scalar && ScalarStyle == ScalarStyle.Plain && Value.Length == 0;

    /// <summary>The value under <paramref name="key"/> in a mapping (the last one when keys repeat).</summary>
    public YamlNode? Get(string key)
    {
        YamlNode? found = null;
        foreach (var pair in Pairs)
        {
            if (pair.Key.Kind == YamlNodeKind.Scalar && pair.Key.Value == key)
            {
                found = pair.Value;
            }
        }

        return found;
    }

    /// <summary>The key node for <paramref name="key"/> in a mapping.</summary>
    public YamlNode? KeyNode(string key)
    {
        YamlNode? found = null;
        foreach (var pair in Pairs)
        {
            if (pair.Key.Kind == YamlNodeKind.Scalar && pair.Key.Value == key)
            {
                found = pair.Key;
            }
        }

        return found;
    }

    /// <summary>
    /// One step of a field path: the value under a mapping key (<paramref name="key"/> is its key
    /// node) or a sequence item by index; null when the step does not exist here.
    /// </summary>
    public YamlNode? Child(object segment, out YamlNode? key)
    {
        key = null;
        if (Kind == YamlNodeKind.Mapping && segment is string name)
        {
            key = KeyNode(name);
            return Get(name);
        }

        return Kind == YamlNodeKind.Sequence && segment is int index && index >= 0 && index < Items.Count ? Items[index] : null;
    }

    /// <summary>True when some key appears twice in this mapping.</summary>
    public bool HasDuplicateKeys()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Pairs.Any(p => !seen.Add(p.Key.Value));
    }
}
