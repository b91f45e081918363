using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Fix.Planning;

/// <summary>The plan for one workload: actions, the edits to make, and the verdict they lead to.</summary>
internal sealed class WorkloadPlan
{
    public required PodTemplate Template { get; init; }

    public required PodSecurityResult Before { get; init; }

    public required PodSecurityResult After { get; init; }

    public required List<FixAction> Actions { get; init; }

    /// <summary>The edits of the applied actions, with parents that would be left empty removed too.</summary>
    public required IReadOnlyList<EditOp> Edits { get; init; }

    /// <summary>The object as it will be after the edits.</summary>
    public required JsonNode Expected { get; init; }

    /// <summary>Checks that still fail although nothing left in the plan explains them (a planner gap).</summary>
    public required IReadOnlyList<string> Unexplained { get; init; }
}
