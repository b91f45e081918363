namespace Kubeguard.Checks;

/// <summary>How urgent a finding is, from informational to critical.</summary>
public enum Severity
{
    /// <summary>Worth knowing; no direct risk.</summary>
    Info,

    /// <summary>Hygiene; a weakness only in combination with others.</summary>
    Low,

    /// <summary>A real weakness that an attacker can use.</summary>
    Medium,

    /// <summary>A direct path to data or to other workloads.</summary>
    High,

    /// <summary>A direct path to the whole cluster.</summary>
    Critical,
}

/// <summary>Wire names of <see cref="Severity"/>.</summary>
public static class Severities
{
    /// <summary>The lower-case name, e.g. <c>high</c>.</summary>
    public static string ToWireString(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    /// <summary>Parses a severity name, ignoring case.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        foreach (var candidate in Enum.GetValues<Severity>())
        {
            if (string.Equals(candidate.ToWireString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }

        severity = default;
        return false;
    }
}
