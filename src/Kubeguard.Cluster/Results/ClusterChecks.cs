using System.Collections.Immutable;
using Kubeguard.Checks;

namespace Kubeguard.Cluster.Results;

/// <summary>What the checks beyond Pod Security found in a cluster read.</summary>
/// <param name="Findings">Every finding, in catalog order, before exemptions.</param>
/// <param name="Annotations">The inline exemption annotations (<c>exempt.kubeguard.io/…</c>) of each finding's subject that has any.</param>
/// <param name="NotRead">Objects the checks needed that could not be read, and which checks that leaves incomplete.</param>
public sealed record ClusterChecks(
    ImmutableArray<CheckFinding> Findings,
    IReadOnlyDictionary<ObjectRef, IDictionary<string, string>> Annotations,
    ImmutableArray<ChecksNotRun> NotRead)
{
    /// <summary>The annotations of <paramref name="subject"/>, or null when it had no finding.</summary>
    public IDictionary<string, string>? AnnotationsOf(ObjectRef subject) => Annotations.GetValueOrDefault(subject);
}

/// <summary>A read the checks needed that failed: those checks could not run completely.</summary>
/// <param name="Resource">The resource, e.g. <c>services</c>.</param>
/// <param name="Namespace">The namespace, or null for a cluster-wide read.</param>
/// <param name="Reason">The API server's answer, e.g. the RBAC denial.</param>
/// <param name="Checks">The checks that read this kind and so may have missed findings.</param>
public sealed record ChecksNotRun(string Resource, string? Namespace, string Reason, ImmutableArray<string> Checks)
{
    /// <summary>One sentence for people.</summary>
    public string Message =>
        $"{Resource} {(Namespace is null ? "(cluster-wide)" : $"in {Namespace}")} could not be read ({Reason}); these checks could not run completely: {string.Join(", ", Checks)}";
}
