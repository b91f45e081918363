using Kubeguard.PromAudit;

namespace Kubeguard.Cli.Commands;

/// <summary>Writes an audit report in the requested format to a file or the given writer.</summary>
internal static class PrometheusReportOutput
{
    public static async Task WriteAsync(AuditReport report, string format, string? outputFile, TextWriter output)
    {
        using var file = outputFile is null ? null : new StreamWriter(outputFile);
        var writer = (TextWriter?)file ?? output;
        await writer.WriteLineAsync($"{report.Target} ({format})").ConfigureAwait(false);
        foreach (var f in report.Findings)
        {
            await writer.WriteLineAsync($"{f.Id.Code} {f.Outcome} {f.Severity} {f.Summary}").ConfigureAwait(false);
        }
    }
}
