namespace Kubeguard.PromAudit.Rules;

/// <summary>Kubernetes support window.</summary>
public sealed record KubernetesRules
{
    /// <summary>The oldest minor still supported upstream on the rules date, e.g. <c>1.35</c>.</summary>
    public string OldestSupportedMinor { get; set; } = "0.0";

    /// <summary>Image names whose tag is a Kubernetes version.</summary>
    public IReadOnlyList<string> ComponentImages { get; set; } = [];
}
