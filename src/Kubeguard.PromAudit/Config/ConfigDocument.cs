using YamlDotNet.RepresentationModel;

namespace Kubeguard.PromAudit.Config;

/// <summary>The running configuration from <c>/api/v1/status/config</c>, read as a YAML tree.</summary>
public sealed class ConfigDocument
{
    private ConfigDocument(YamlMappingNode root, IReadOnlyList<ConfigScalar> scalars)
    {
        Root = root;
        Scalars = scalars;
    }

    /// <summary>The root mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Every scalar with its path, in document order.</summary>
    public IReadOnlyList<ConfigScalar> Scalars { get; }

    /// <summary>Parses <paramref name="yaml"/>; an empty document gives an empty root.</summary>
    public static ConfigDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m ? m : new YamlMappingNode();
        var scalars = new List<ConfigScalar>();
        Walk(root, "", [], "", scalars);
        return new ConfigDocument(root, scalars);
    }

    /// <summary>The entries of a top-level sequence (e.g. <c>scrape_configs</c>).</summary>
    public IEnumerable<YamlMappingNode> Sequence(string key) =>
        Root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlMappingNode>()
            : [];

    /// <summary>A scalar child of <paramref name="map"/>, or empty.</summary>
    public static string Scalar(YamlMappingNode map, string key)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value ?? "" : "";
    }

    /// <summary>Keys of <paramref name="map"/>.</summary>
    public static IEnumerable<string> Keys(YamlMappingNode map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");
    }

    private static void Walk(YamlNode node, string path, List<string> parents, string key, List<ConfigScalar> output)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                output.Add(new ConfigScalar(path, key, [.. parents], scalar.Value ?? ""));
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]", parents, key, output);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? "?";
                    var childParents = key.Length == 0 ? parents : [.. parents, key];
                    Walk(v, path.Length == 0 ? name : $"{path}.{name}", childParents, name, output);
                }

                break;
        }
    }
}
