using Kubeguard.Admission;
using Kubeguard.Checks;

namespace Kubeguard.Cluster.Analysis;

/// <summary>What to read and how to judge it.</summary>
/// <param name="Namespaces">The namespaces to read; empty for all namespaces.</param>
/// <param name="LabelSelector">Only pods and workloads matching this label selector (the plan then covers only them).</param>
/// <param name="NamespaceSelector">With all namespaces: only namespaces matching this label selector.</param>
/// <param name="Configuration">The cluster's PodSecurityConfiguration (defaults and exemptions).</param>
public sealed record AuditRequest(
    IReadOnlyList<string> Namespaces,
    string? LabelSelector,
    string? NamespaceSelector,
    PodSecurityConfiguration Configuration)
{
    /// <summary>Objects per list call (<c>limit</c>).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>
    /// The checks beyond Pod Security to run over what is read (families, registry allow-list,
    /// severities); null runs none and reads only namespaces, workloads and pods.
    /// </summary>
    public CheckOptions? Checks { get; init; }

    /// <summary>Everything: all namespaces, no selectors, no configuration.</summary>
    public static AuditRequest AllNamespaces { get; } = new([], null, null, PodSecurityConfiguration.Default);
}
