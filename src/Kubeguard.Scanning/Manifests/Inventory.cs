using System.Collections.Immutable;
using k8s.Models;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Everything read, indexed for cross-object checks: by kind, by namespace and name; services and
/// the workloads they select; namespaces and their labels; bindings and their roles.
/// </summary>
public sealed class Inventory
{
    private readonly ILookup<string, ManifestDocument> _byKind;

    /// <summary>Indexes <paramref name="documents"/>.</summary>
    public Inventory(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Documents = [.. documents];
        _byKind = Documents.ToLookup(d => d.Kind, StringComparer.Ordinal);
    }

    /// <summary>Every object, in input order.</summary>
    public ImmutableArray<ManifestDocument> Documents { get; }

    /// <summary>Objects that carry a pod or pod template.</summary>
    public IEnumerable<ManifestDocument> PodBearing => Documents.Where(d => d.IsPodBearing);

    /// <summary>Objects of <paramref name="kind"/>, in input order.</summary>
    public IEnumerable<ManifestDocument> OfKind(string kind) => _byKind[kind];

    /// <summary>Typed models of type <typeparamref name="T"/> with their documents.</summary>
    public IEnumerable<(ManifestDocument Document, T Object)> Objects<T>()
        where T : class =>
        Documents.Where(d => d.Model is T).Select(d => (d, (T)d.Model!));

    /// <summary>
    /// The object of <paramref name="kind"/> named <paramref name="name"/> in <paramref name="namespace"/>
    /// (null for cluster-scoped kinds; <paramref name="defaultNamespace"/> stands for objects without one).
    /// The last one wins when the input defines it twice, as <c>kubectl apply</c> would leave it.
    /// </summary>
    public ManifestDocument? Find(string kind, string? @namespace, string name, string defaultNamespace = "default") =>
        OfKind(kind).LastOrDefault(d => d.Name == name && (@namespace is null || EffectiveNamespace(d, defaultNamespace) == @namespace));

    /// <summary>The Namespace object named <paramref name="name"/>, or null.</summary>
    public V1Namespace? Namespace(string name) => Find("Namespace", null, name)?.As<V1Namespace>();

    /// <summary>The namespace an object lands in: its own, or <paramref name="defaultNamespace"/>.</summary>
    public static string EffectiveNamespace(ManifestDocument document, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(document);
        return string.IsNullOrEmpty(document.Namespace) ? defaultNamespace : document.Namespace;
    }

    /// <summary>Objects in <paramref name="namespace"/>.</summary>
    public IEnumerable<ManifestDocument> InNamespace(string @namespace, string defaultNamespace = "default") =>
        Documents.Where(d => EffectiveNamespace(d, defaultNamespace) == @namespace);

    /// <summary>The pod-bearing objects whose pod labels a Service's selector matches, in its namespace.</summary>
    public IEnumerable<ManifestDocument> SelectedBy(ManifestDocument service, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(service);
        var selector = service.As<V1Service>()?.Spec?.Selector;
        if (selector is null || selector.Count == 0)
        {
            return [];
        }

        var ns = EffectiveNamespace(service, defaultNamespace);
        return PodBearing.Where(d => EffectiveNamespace(d, defaultNamespace) == ns
            && d.PodTemplate?.Metadata?.Labels is { } labels
            && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value));
    }

    /// <summary>The Role or ClusterRole a RoleBinding or ClusterRoleBinding refers to, when in the input.</summary>
    public ManifestDocument? RoleOf(ManifestDocument binding, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(binding);
        var roleRef = binding.As<V1RoleBinding>()?.RoleRef ?? binding.As<V1ClusterRoleBinding>()?.RoleRef;
        if (roleRef is null)
        {
            return null;
        }

        return roleRef.Kind == "ClusterRole"
            ? Find("ClusterRole", null, roleRef.Name)
            : Find("Role", EffectiveNamespace(binding, defaultNamespace), roleRef.Name, defaultNamespace);
    }
}
