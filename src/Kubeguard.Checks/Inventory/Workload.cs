using k8s.Models;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Checks;

/// <summary>A pod-bearing object (Pod, Deployment, CronJob, …) and its pod template.</summary>
/// <param name="Item">The object as read.</param>
/// <param name="Pod">Its pod or pod template, found by the Pod Security engine's extractor.</param>
public sealed record Workload(InventoryObject Item, PodTemplate Pod)
{
    /// <summary>The pod labels (template labels for controllers; never null).</summary>
    public IDictionary<string, string> PodLabels => Pod.Metadata?.Labels ?? Empty;

    /// <summary>The namespace the pods land in.</summary>
    public string Namespace => Item.EffectiveNamespace;

    /// <summary>The pod spec.</summary>
    public V1PodSpec Spec => Pod.Spec;

    /// <summary>The service account the pods run as (<c>default</c> when none is named).</summary>
    public string ServiceAccountName =>
        !string.IsNullOrEmpty(Spec.ServiceAccountName) ? Spec.ServiceAccountName
        : !string.IsNullOrEmpty(Spec.ServiceAccount) ? Spec.ServiceAccount
        : "default";

    /// <summary>True when the pods share the node's network namespace (NetworkPolicy does not apply).</summary>
    public bool HostNetwork => Spec.HostNetwork == true;

    /// <summary><c>Kind name</c> for messages.</summary>
    public string Display => $"{Item.Kind} {Item.Name}";

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);
}
