using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>What breaks in a namespace at one stricter level and version.</summary>
/// <param name="Policy">The level and version (the pinned version of the plan).</param>
/// <param name="Workloads">The workloads that break, ordered by kind and name.</param>
/// <param name="OtherObjects">Failing objects beyond the per-namespace group limit, counted but not listed.</param>
public sealed record LevelBreaks(LevelVersion Policy, ImmutableArray<WorkloadBreak> Workloads, int OtherObjects);
