namespace Kubeguard.Fix.Planning;

/// <summary>How much an action may be trusted to run unattended.</summary>
internal enum SafetyClass
{
    /// <summary>Adds an absent hardening field the workload almost certainly does not need: applied by default.</summary>
    Safe,

    /// <summary>Overrules a value the author wrote, or often breaks real workloads: applied only with <c>--allow CHECK</c>.</summary>
    OptIn,

    /// <summary>Needs information Kubeguard does not have: never written, reported with a suggestion.</summary>
    Manual,
}

/// <summary>What happened to an action.</summary>
internal enum ActionStatus
{
    /// <summary>Applied (or, in a dry run, would be applied).</summary>
    Applied,

    /// <summary>Not applied: its check was not named in <c>--allow</c>.</summary>
    NeedsOptIn,

    /// <summary>Not applied: a person has to decide; see the suggestion.</summary>
    Manual,

    /// <summary>Not applied: the document cannot be edited safely; see the reason.</summary>
    Refused,

    /// <summary>Not applied: applying it alone would make the object invalid for the API server.</summary>
    Skipped,
}

/// <summary>Wire names for <see cref="SafetyClass"/> and <see cref="ActionStatus"/>.</summary>
internal static class FixNames
{
    public static string Name(this SafetyClass value) => value switch
    {
        SafetyClass.Safe => "safe",
        SafetyClass.OptIn => "opt-in",
        _ => "manual",
    };

    public static string Name(this ActionStatus value) => value switch
    {
        ActionStatus.Applied => "applied",
        ActionStatus.NeedsOptIn => "needs-opt-in",
        ActionStatus.Manual => "manual",
        ActionStatus.Refused => "refused",
        _ => "skipped",
    };
}
