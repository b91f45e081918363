namespace Kubeguard.Reporting;

/// <summary>How a writer renders.</summary>
public sealed record ReportWriterOptions
{
    /// <summary>Defaults: no colour.</summary>
    public static ReportWriterOptions Default { get; } = new();

    /// <summary>Use ANSI colours (table only). Decide with <see cref="ReportWriters.ShouldUseColor"/>.</summary>
    public bool Color { get; init; }

    /// <summary>Show passing targets in the table, not only failing ones.</summary>
    public bool ShowPassed { get; init; } = true;
}
