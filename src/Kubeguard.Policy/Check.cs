using System.Collections.Immutable;
using k8s.Models;

namespace Kubeguard.Policy;

/// <summary>Evaluates one pod (its metadata and spec) for one check at one version.</summary>
public delegate CheckResult CheckPod(V1ObjectMeta? metadata, V1PodSpec spec);

/// <summary>A Pod Security check: an ID, a level and its versioned implementations.</summary>
/// <param name="Id">Upstream check ID (case-sensitive), e.g. <c>hostPorts</c>.</param>
/// <param name="Level">Baseline or restricted.</param>
/// <param name="Versions">Implementations by strictly increasing minimum version.</param>
public sealed record Check(string Id, Level Level, ImmutableArray<VersionedCheck> Versions)
{
    /// <summary>One-sentence description of what the check forbids.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>One sentence telling the author how to comply.</summary>
    public string Remediation { get; init; } = string.Empty;

    /// <summary>The fields the check reads, as JSON paths relative to a pod.</summary>
    public ImmutableArray<string> Fields { get; init; } = [];
}

/// <summary>One implementation of a check, active from <paramref name="MinimumVersion"/>.</summary>
/// <param name="MinimumVersion">The first policy version this implementation applies to.</param>
/// <param name="Evaluate">The implementation.</param>
public sealed record VersionedCheck(PolicyVersion MinimumVersion, CheckPod Evaluate)
{
    /// <summary>Baseline check IDs that this (restricted) implementation replaces.</summary>
    public ImmutableArray<string> Overrides { get; init; } = [];
}
