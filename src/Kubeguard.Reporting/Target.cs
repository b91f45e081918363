using System.Collections.Immutable;

namespace Kubeguard.Reporting;

/// <summary>
/// One thing that was checked (a workload at a policy level, an endpoint, an image) and what was
/// found; a passing target has no findings.
/// </summary>
/// <param name="Name">A short name for people and JUnit, e.g. <c>Deployment default/web [restricted:latest]</c>.</param>
/// <param name="Passed">The producer's verdict: true when the target is allowed or clear.</param>
/// <param name="Findings">What failed, in the producer's order.</param>
public sealed record Target(string Name, bool Passed, ImmutableArray<Finding> Findings)
{
    /// <summary>The object checked.</summary>
    public Subject? Subject { get; init; }

    /// <summary>Where the object is (file, document, line).</summary>
    public Location? Location { get; init; }

    /// <summary>The aggregated verdict text when not passed (e.g. the upstream PodSecurity message).</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Extra fields for machine-readable output (e.g. <c>level</c>, <c>version</c>); sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Properties { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
