namespace Kubeguard.Reporting;

/// <summary>
/// How much a finding matters. Checks do not decide this: a producer's default per rule can be
/// overridden by configuration (see <see cref="SeverityOverrides"/>).
/// </summary>
public enum Severity
{
    /// <summary>Not a problem: the finding is kept for the record only.</summary>
    None = 0,

    /// <summary>Informational.</summary>
    Info = 1,

    /// <summary>Low.</summary>
    Low = 2,

    /// <summary>Medium.</summary>
    Medium = 3,

    /// <summary>High.</summary>
    High = 4,

    /// <summary>Critical.</summary>
    Critical = 5,
}
