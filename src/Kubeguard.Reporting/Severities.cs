namespace Kubeguard.Reporting;

/// <summary>Parsing and printing of <see cref="Severity"/>.</summary>
public static class Severities
{
    /// <summary>Every severity from least to most serious.</summary>
    public static IReadOnlyList<Severity> All { get; } =
        [Severity.None, Severity.Info, Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    /// <summary>The lower-case wire name: <c>none</c>, <c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public static string ToWireString(this Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    /// <summary>Parses a wire name, ignoring case.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }

        severity = Severity.None;
        return false;
    }

    /// <summary>The SARIF <c>level</c>: <c>error</c> for high and critical, <c>warning</c> for medium, <c>note</c> below.</summary>
    public static string ToSarifLevel(this Severity severity) => severity switch
    {
        >= Severity.High => "error",
        Severity.Medium => "warning",
        Severity.None => "none",
        _ => "note",
    };

    /// <summary>
    /// The GitHub code-scanning <c>security-severity</c> score (a string from 0.1 to 10.0), or null for
    /// <see cref="Severity.None"/>.
    /// </summary>
    public static string? ToSecurityScore(this Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        Severity.Info => "0.1",
        _ => null,
    };
}
