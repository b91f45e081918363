using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>A workload that would break at a stricter level, with the upstream reasons.</summary>
/// <param name="Workload">The workload.</param>
/// <param name="Pods">How many of its running pods fail.</param>
/// <param name="Templates">How many of its templates fail (0 or 1, more for kinds with several templates).</param>
/// <param name="Violations">The failed checks, in upstream order.</param>
/// <param name="Example">The ordinal-smallest failing object name.</param>
public sealed record WorkloadBreak(WorkloadRef Workload, int Pods, int Templates, ImmutableArray<CheckViolation> Violations, string Example)
{
    /// <summary>Upstream's reasons text: <c>allowPrivilegeEscalation != false, unrestricted capabilities</c>.</summary>
    public string Reasons => string.Join(", ", Violations.Select(v => v.Reason));
}
