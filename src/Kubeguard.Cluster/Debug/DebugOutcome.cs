namespace Kubeguard.Cluster.Debug;

/// <summary>How a debug session ended.</summary>
public enum DebugStatus
{
    /// <summary>The container runs; attach to it.</summary>
    Running,

    /// <summary>Dry run: nothing was sent; the plan is admitted.</summary>
    Planned,

    /// <summary>The namespace would reject the container; nothing was sent.</summary>
    Refused,

    /// <summary>The pod, namespace or container could not be read or does not exist; nothing more was sent.</summary>
    Failed,

    /// <summary>The container was added but failed to start, or did not start in time.</summary>
    NotStarted,
}

/// <summary>The result of a debug session, as a value.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Message">One line for the user.</param>
/// <param name="Plan">The container chosen, when one was.</param>
public sealed record DebugOutcome(DebugStatus Status, string Message, DebugPlan? Plan)
{
    /// <summary>A warning to show alongside (e.g. the annotation could not be written).</summary>
    public string? Warning { get; init; }
}
