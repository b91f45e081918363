using k8s.Models;

namespace Kubeguard.Policy.Workloads;

/// <summary>The pod (or pod template) inside a Kubernetes object, and where it sits.</summary>
/// <param name="Metadata">Pod or template metadata.</param>
/// <param name="Spec">Pod spec.</param>
/// <param name="SpecPath">JSON path of the spec inside the object, e.g. <c>spec.template.spec</c>.</param>
/// <param name="IsPod">True for a Pod object (API defaulting differs for Pods).</param>
public sealed record PodTemplate(V1ObjectMeta? Metadata, V1PodSpec Spec, string SpecPath, bool IsPod)
{
    /// <summary>JSON path of the metadata inside the object, e.g. <c>spec.template.metadata</c>.</summary>
    public string MetadataPath => IsPod ? "metadata" : SpecPath[..^"spec".Length] + "metadata";
}
