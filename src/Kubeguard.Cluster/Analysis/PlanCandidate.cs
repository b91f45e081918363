using Kubeguard.Policy;

namespace Kubeguard.Cluster.Analysis;

/// <summary>One rung of the plan ladder.</summary>
/// <param name="Evaluate">The level and version evaluated (the oldest of the equivalent versions).</param>
/// <param name="Label">The level and version recommended for the label (the newest of them).</param>
public sealed record PlanCandidate(LevelVersion Evaluate, LevelVersion Label);
