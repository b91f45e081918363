namespace Kubeguard.PromAudit.Images;

/// <summary>One container's image as leaked by kube-state-metrics or cAdvisor.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Pod">Pod.</param>
/// <param name="Container">Container.</param>
/// <param name="ImageSpec">The image as written in the pod spec (judge pinning on this).</param>
/// <param name="ImageId">The resolved image ID (digest actually running), or empty.</param>
public sealed record ImageObservation(string Namespace, string Pod, string Container, string ImageSpec, string ImageId);
