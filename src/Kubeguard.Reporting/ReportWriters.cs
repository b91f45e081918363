using Kubeguard.Reporting.Writers;

namespace Kubeguard.Reporting;

/// <summary>The one place that maps a format to its writer.</summary>
public static class ReportWriters
{
    /// <summary>The format names accepted on command lines.</summary>
    public static IReadOnlyList<string> Names { get; } = ["table", "json", "sarif", "junit"];

    /// <summary>The writer for <paramref name="format"/>.</summary>
    public static IReportWriter For(ReportFormat format, ReportWriterOptions? options = null)
    {
        options ??= ReportWriterOptions.Default;
        return format switch
        {
            ReportFormat.Table => new TableWriter(options),
            ReportFormat.Json => new JsonReportWriter(),
            ReportFormat.Sarif => new SarifWriter(),
            ReportFormat.Junit => new JunitWriter(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format"),
        };
    }

    /// <summary>Parses <c>table</c>, <c>json</c>, <c>sarif</c> or <c>junit</c> (case-insensitive).</summary>
    public static bool TryParseFormat(string? text, out ReportFormat format)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TABLE": format = ReportFormat.Table; return true;
            case "JSON": format = ReportFormat.Json; return true;
            case "SARIF": format = ReportFormat.Sarif; return true;
            case "JUNIT": format = ReportFormat.Junit; return true;
            default: format = ReportFormat.Table; return false;
        }
    }

    /// <summary>
    /// Colour only on a terminal, and never when <c>NO_COLOR</c> is set to a non-empty value
    /// (<c>no-color.org</c>) or <c>TERM</c> is <c>dumb</c>.
    /// </summary>
    public static bool ShouldUseColor(bool outputIsTerminal, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return outputIsTerminal
            && string.IsNullOrEmpty(environment("NO_COLOR"))
            && !string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
    }
}
