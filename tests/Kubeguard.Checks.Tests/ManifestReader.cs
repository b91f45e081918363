using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Testing;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Checks.Tests;

/// <summary>
/// Reads YAML (or JSON) manifests into inventory objects for the tests: KubernetesClient models
/// for the kinds it has, <see cref="UnstructuredObject"/> for the rest, the items of
/// <c>*List</c> kinds expanded. Documents that cannot be read are returned as errors.
/// </summary>
public static class ManifestReader
{
    public static (List<InventoryObject> Objects, List<string> Errors) Read(string text, string file)
    {
        var objects = new List<InventoryObject>();
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            errors.Add($"{file}:{ex.Start.Line}: {ex.Message}");
            return (objects, errors);
        }

        foreach (var document in stream.Documents)
        {
            Add(document.RootNode, file, objects, errors);
        }

        return (objects, errors);
    }

    public static Inventory Inventory(string text, string file = "test.yaml")
    {
        var (objects, errors) = Read(text, file);
        Assert.Empty(errors);
        return Checks.Inventory.From(objects);
    }

    private static void Add(YamlNode node, string file, List<InventoryObject> objects, List<string> errors)
    {
        if (node is not YamlMappingNode map)
        {
            return;
        }

        var line = (int)node.Start.Line;
        var apiVersion = Scalar(map, "apiVersion") ?? string.Empty;
        var kind = Scalar(map, "kind") ?? string.Empty;
        if (kind.EndsWith("List", StringComparison.Ordinal) && map.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlSequenceNode list)
        {
            foreach (var item in list.Children)
            {
                Add(item, file, objects, errors);
            }

            return;
        }

        try
        {
            var yaml = Serialize(map);
            IKubernetesObject<V1ObjectMeta> resource = KubeYaml.ModelType(apiVersion, kind) is { } type && typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type)
                ? (IKubernetesObject<V1ObjectMeta>)KubeYaml.Deserialize(yaml, type)!
                : new UnstructuredObject(apiVersion, kind, Metadata(map), ToJson(map) as JsonObject);
            objects.Add(new InventoryObject(resource, new SourceLocation(file, line)));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException)
        {
            errors.Add($"{file}:{line}: {kind}: {ex.Message}");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            errors.Add($"{file}:{line}: {kind}: {ex.Message}");
        }
    }

    private static V1ObjectMeta? Metadata(YamlMappingNode map) =>
        map.Children.TryGetValue(new YamlScalarNode("metadata"), out var node) && node is YamlMappingNode
            ? KubeYaml.Deserialize<V1ObjectMeta>(Serialize(node))
            : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    private static string Serialize(YamlNode node)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children
            .Where(c => c.Key is YamlScalarNode)
            .GroupBy(c => ((YamlScalarNode)c.Key).Value ?? string.Empty)
            .Select(g => KeyValuePair.Create(g.Key, ToJson(g.First().Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Value: var v } => v is null ? null : JsonValue.Create(v),
        _ => null,
    };
}
