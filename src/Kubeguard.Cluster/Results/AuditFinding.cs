using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>
/// Pods of one workload, or its template, that fail the level and version of one or more of the
/// namespace's Pod Security modes.
/// </summary>
/// <param name="Workload">The workload.</param>
/// <param name="Subject">Running pods, or the template (whose pods an enforce failure means PSA rejects).</param>
/// <param name="Modes">The modes at this level and version that fail: <c>enforce</c>, <c>audit</c>, <c>warn</c>.</param>
/// <param name="Result">The upstream verdict (reasons and details).</param>
/// <param name="Count">How many objects share this finding.</param>
/// <param name="Example">The ordinal-smallest object name among them.</param>
public sealed record AuditFinding(WorkloadRef Workload, Subject Subject, ImmutableArray<string> Modes, PodSecurityResult Result, int Count, string Example)
{
    /// <summary>True when enforce fails: running pods violate it, or the template's pods are rejected.</summary>
    public bool Enforced => Modes.Contains("enforce");
}
