using Kubeguard.PromAudit;
using Kubeguard.Reporting;

namespace Kubeguard.Cli.Commands;

/// <summary>Writes an audit through the shared report writers, to a file or the given writer.</summary>
internal static class PrometheusReportOutput
{
    public static async Task WriteAsync(AuditReport audit, SeverityPolicy severities, ReportFormat format, string? outputFile, TextWriter output)
    {
        var color = outputFile is null && ReferenceEquals(output, Console.Out)
            && ReportWriters.ShouldUseColor(!Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
        var writer = ReportWriters.For(format, new ReportWriterOptions { Color = color });
        var report = AuditReportMapping.ToReport(audit, severities);
        if (outputFile is null)
        {
            writer.Write(report, output);
            await output.FlushAsync().ConfigureAwait(false);
            return;
        }

        await using var file = new StreamWriter(outputFile);
        writer.Write(report, file);
    }
}
