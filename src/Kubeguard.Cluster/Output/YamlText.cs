using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Cluster.Output;

/// <summary>Writes JSON objects as YAML documents (strings always quoted, so nothing changes type).</summary>
public static class YamlText
{
    /// <summary>Writes each object as one YAML document, separated by <c>---</c>.</summary>
    public static void Write(IEnumerable<JsonNode> documents, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(output);
        var stream = new YamlStream();
        foreach (var document in documents)
        {
            stream.Add(new YamlDocument(Convert(document)));
        }

        stream.Save(output, assignAnchors: false);
    }

    private static YamlNode Convert(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), Convert(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(Convert)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            new YamlScalarNode(value.GetValue<string>()) { Style = ScalarStyle.DoubleQuoted },
        null => new YamlScalarNode("null"),
        _ => new YamlScalarNode(node.ToJsonString()),
    };
}
