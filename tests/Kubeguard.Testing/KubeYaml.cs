using System.Reflection;
using k8s;
using k8s.Models;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Testing;

/// <summary>
/// KubernetesClient models to and from YAML for tests, through the scanner's own YAML reader and
/// Kubernetes JSON rules (the trimming-safe client has no public YAML API).
/// </summary>
public static class KubeYaml
{
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> Models = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity is not null && typeof(IKubernetesObject).IsAssignableFrom(x.Type))
        .GroupBy(x => (string.IsNullOrEmpty(x.Entity!.Group) ? x.Entity.ApiVersion : $"{x.Entity.Group}/{x.Entity.ApiVersion}", x.Entity.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    /// <summary>The model type for <paramref name="apiVersion"/> and <paramref name="kind"/>, or null.</summary>
    public static Type? ModelType(string apiVersion, string kind) => Models.GetValueOrDefault((apiVersion, kind));

    /// <summary>Reads the YAML document <paramref name="yaml"/> as <typeparamref name="T"/>.</summary>
    public static T Deserialize<T>(string yaml) => (T)Deserialize(yaml, typeof(T))!;

    /// <summary>Reads the YAML document <paramref name="yaml"/> as <paramref name="type"/>.</summary>
    public static object? Deserialize(string yaml, Type type) =>
        YamlTree.Parse(yaml) is { } node ? KnownKinds.Deserialize(type, node) : null;

    /// <summary>Every document of <paramref name="yaml"/> whose apiVersion and kind have a model, read as that model.</summary>
    public static List<object> LoadAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var objects = new List<object>();
        foreach (var document in new ManifestLoader().LoadText(yaml).Documents)
        {
            if (ModelType(document.ApiVersion, document.Kind) is { } type && KnownKinds.Deserialize(type, document.Raw) is { } model)
            {
                objects.Add(model);
            }
        }

        return objects;
    }

    /// <summary><paramref name="model"/> as block YAML.</summary>
    public static string Serialize(object model) => ModelYaml.Serialize(model);
}
