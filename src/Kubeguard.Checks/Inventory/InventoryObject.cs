using k8s;
using k8s.Models;

namespace Kubeguard.Checks;

/// <summary>One object that was read, typed (KubernetesClient model) or unstructured, and where it came from.</summary>
/// <param name="Resource">The object: a k8s.Models type, or an <see cref="UnstructuredObject"/> for kinds without one.</param>
/// <param name="Location">Where the object was read from.</param>
public sealed record InventoryObject(IKubernetesObject<V1ObjectMeta> Resource, SourceLocation Location)
{
    /// <summary>The object's kind, from the object or, when absent, from its model type.</summary>
    public string Kind => !string.IsNullOrEmpty(Resource.Kind) ? Resource.Kind : KindFromType(Resource.GetType());

    /// <summary>Object name (empty when absent).</summary>
    public string Name => Resource.Metadata?.Name ?? string.Empty;

    /// <summary>The namespace the object names, or null.</summary>
    public string? Namespace => string.IsNullOrEmpty(Resource.Metadata?.NamespaceProperty) ? null : Resource.Metadata.NamespaceProperty;

    /// <summary>
    /// The namespace the object lands in: its own, or <c>default</c> for a namespaced object that
    /// names none (as <c>kubectl apply</c> without <c>-n</c> does).
    /// </summary>
    public string EffectiveNamespace => Namespace ?? Inventory.DefaultNamespace;

    /// <summary>The object's annotations (never null).</summary>
    public IDictionary<string, string> Annotations => Resource.Metadata?.Annotations ?? EmptyMap;

    /// <summary>The object's labels (never null).</summary>
    public IDictionary<string, string> Labels => Resource.Metadata?.Labels ?? EmptyMap;

    /// <summary>
    /// The pod template of a kind KubernetesClient has no model for (e.g. OpenShift's
    /// DeploymentConfig), found by the reader; typed workloads need none.
    /// </summary>
    public Kubeguard.Policy.Workloads.PodTemplate? EmbeddedPod { get; init; }

    /// <summary>A reference to this object.</summary>
    public ObjectRef Ref => new(Kind, Namespace, Name);

    private static readonly Dictionary<string, string> EmptyMap = new(StringComparer.Ordinal);

    // V1Deployment -> Deployment; other names are kept as they are.
    private static string KindFromType(Type type)
    {
        var name = type.Name;
        var i = 0;
        if (name.Length > 2 && name[0] == 'V' && char.IsDigit(name[1]))
        {
            i = 1;
            while (i < name.Length && char.IsDigit(name[i]))
            {
                i++;
            }
        }

        return name[i..];
    }
}
