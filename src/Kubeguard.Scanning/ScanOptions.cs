using Kubeguard.Policy;
using Kubeguard.Reporting;

namespace Kubeguard.Scanning;

/// <summary>How <see cref="Scanner"/> judges workloads.</summary>
public sealed record ScanOptions
{
    /// <summary>restricted:latest, no namespace labels, default severities.</summary>
    public static ScanOptions Default { get; } = new();

    /// <summary>The level and version to evaluate (and, with <see cref="UseNamespaceLabels"/>, the default where no label applies).</summary>
    public LevelVersion Policy { get; init; } = new(Level.Restricted, PolicyVersion.Latest);

    /// <summary>
    /// Evaluate each workload at the <c>pod-security.kubernetes.io/enforce</c> level (and
    /// <c>enforce-version</c>) of its Namespace when the input holds that Namespace, as the API server would.
    /// </summary>
    public bool UseNamespaceLabels { get; init; }

    /// <summary>The namespace of objects that do not name one (what <c>kubectl apply</c> would use).</summary>
    public string DefaultNamespace { get; init; } = "default";

    /// <summary>The evaluator (e.g. <see cref="PolicyEvaluator.ForKubernetesMinor"/> to answer as an older cluster).</summary>
    public PolicyEvaluator Evaluator { get; init; } = PolicyEvaluator.Default;

    /// <summary>Severity overrides per check ID over <see cref="PodSecuritySeverities"/>.</summary>
    public SeverityOverrides Severities { get; init; } = SeverityOverrides.None;
}
