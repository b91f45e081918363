using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Labels;

/// <summary>The Pod Security policy of a namespace: one level and version per mode, and any label errors.</summary>
/// <param name="Enforce">The enforce level and version.</param>
/// <param name="Audit">The audit level and version.</param>
/// <param name="Warn">The warn level and version.</param>
/// <param name="Errors">Label errors in upstream's wording, e.g.
/// <c>metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "foo": must be one of privileged, baseline, restricted</c>.</param>
public sealed record NamespacePolicy(LevelVersion Enforce, LevelVersion Audit, LevelVersion Warn, ImmutableArray<string> Errors)
{
    /// <summary>All three modes privileged at <c>latest</c>, no errors: what a cluster without configuration uses.</summary>
    public static NamespacePolicy AllPrivileged { get; } = new(
        new LevelVersion(Level.Privileged, PolicyVersion.Latest),
        new LevelVersion(Level.Privileged, PolicyVersion.Latest),
        new LevelVersion(Level.Privileged, PolicyVersion.Latest),
        []);

    /// <summary>True when every mode is privileged (and there were no label errors, which disable the shortcut upstream).</summary>
    public bool IsFullyPrivileged =>
        Errors.IsDefaultOrEmpty && Enforce.Level == Level.Privileged && Audit.Level == Level.Privileged && Warn.Level == Level.Privileged;
}
