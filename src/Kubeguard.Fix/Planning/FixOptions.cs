using Kubeguard.Policy;

namespace Kubeguard.Fix.Planning;

/// <summary>What to fix towards and which non-default actions the user allowed.</summary>
internal sealed record FixOptions
{
    /// <summary>The level and version to pass.</summary>
    public LevelVersion Target { get; init; } = new(Level.Restricted, PolicyVersion.Latest);

    /// <summary>Check IDs whose opt-in actions may be applied (case-insensitive); <c>opt-in</c> allows all.</summary>
    public IReadOnlySet<string> Allow { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The UID to write where a workload would otherwise run as root (<c>--run-as-user</c>).</summary>
    public long? RunAsUser { get; init; }

    /// <summary>The evaluator (its maximum version caps <c>latest</c>).</summary>
    public PolicyEvaluator Evaluator { get; init; } = PolicyEvaluator.Default;

    public bool Allows(string checkId) => Allow.Contains(checkId) || Allow.Contains("opt-in") || Allow.Contains("all");
}
