using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>The rollout plan of one namespace.</summary>
/// <param name="Strictest">
/// The strictest level and pinned version that every pod and every workload template passes
/// today; null when the namespace was not read completely.
/// </param>
/// <param name="Breaks">What breaks at each level stricter than <paramref name="Strictest"/>.</param>
/// <param name="Target">The labels to apply; null when <paramref name="Strictest"/> is unknown.</param>
public sealed record NamespacePlan(LevelVersion? Strictest, ImmutableArray<LevelBreaks> Breaks, LabelTarget? Target);
