using System.Collections.Immutable;
using Kubeguard.Cluster.Connection;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>The outcome of reading and judging a cluster.</summary>
/// <param name="Server">The API server address.</param>
/// <param name="ServerVersion">The server's <c>gitVersion</c>, when it told.</param>
/// <param name="PinVersion">The policy version the plan pins (the server's minor, or the newest this build knows).</param>
/// <param name="Namespaces">Per-namespace results, ordered by name.</param>
/// <param name="Skipped">Cluster-wide reads that failed (namespaced failures are on their namespace too).</param>
/// <param name="Failure">A failure that stopped the read, e.g. an unreachable server or expired credentials.</param>
/// <param name="Objects">Objects read, all kinds together.</param>
/// <param name="Restarts">Lists started again after an expired continue token.</param>
public sealed record ClusterReport(
    string Server,
    string? ServerVersion,
    PolicyVersion PinVersion,
    ImmutableArray<NamespaceReport> Namespaces,
    ImmutableArray<SkippedRead> Skipped,
    ClusterFailure? Failure,
    long Objects,
    int Restarts)
{
    /// <summary>The findings of the checks beyond Pod Security; null when they did not run.</summary>
    public ClusterChecks? Checks { get; init; }
}
