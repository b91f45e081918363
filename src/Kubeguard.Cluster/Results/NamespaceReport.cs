using System.Collections.Immutable;
using Kubeguard.Admission;

namespace Kubeguard.Cluster.Results;

/// <summary>Everything the audit learned about one namespace.</summary>
/// <param name="Name">The namespace.</param>
/// <param name="Labels">Its current <c>pod-security.kubernetes.io/*</c> labels.</param>
/// <param name="Policy">The policy PSA resolves from those labels and the configured defaults.</param>
/// <param name="LabelErrors">Invalid labels, in upstream's wording (an invalid enforce level fails closed to restricted).</param>
/// <param name="Exempt">True when a PodSecurityConfiguration exempts the namespace: PSA ignores its labels.</param>
/// <param name="Pods">Pods read.</param>
/// <param name="Templates">Workload templates read (templates of owned ReplicaSets and Jobs are covered by their owners).</param>
/// <param name="ExemptObjects">Pods and templates not evaluated because their runtime class is exempt.</param>
/// <param name="Skipped">What could not be read here; non-empty means the namespace is not known to be clean.</param>
/// <param name="Findings">Audit findings against the current labels, ordered by workload.</param>
/// <param name="OtherFindings">Failing objects beyond the per-namespace group limit, counted but not listed.</param>
/// <param name="Plan">The rollout plan.</param>
/// <param name="PodSecurityPolicies">PodSecurityPolicy names recorded on pods (<c>kubernetes.io/psp</c>), with pod counts.</param>
public sealed record NamespaceReport(
    string Name,
    ImmutableSortedDictionary<string, string> Labels,
    NamespacePolicy Policy,
    ImmutableArray<string> LabelErrors,
    bool Exempt,
    int Pods,
    int Templates,
    int ExemptObjects,
    ImmutableArray<SkippedRead> Skipped,
    ImmutableArray<AuditFinding> Findings,
    int OtherFindings,
    NamespacePlan Plan,
    ImmutableSortedDictionary<string, int> PodSecurityPolicies)
{
    /// <summary>True when every resource of the namespace was read.</summary>
    public bool Complete => Skipped.IsDefaultOrEmpty;
}
