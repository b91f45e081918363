namespace Kubeguard.PromAudit;

/// <summary>What a probe concluded.</summary>
public enum ProbeOutcome
{
    /// <summary>The exposure was looked for and is not there.</summary>
    Clear,

    /// <summary>The exposure is present.</summary>
    Exposed,

    /// <summary>The probe could not decide (endpoint blocked, unreachable, malformed answer).</summary>
    Inconclusive,
}
