using System.Text.Json;

namespace Kubeguard.Reporting.Writers;

/// <summary>
/// Kubeguard's stable JSON report. The shape is documented by <c>docs/report.schema.json</c>:
/// <c>tool</c>, <c>command</c>, <c>properties</c>, <c>results</c> (one per target, with its
/// <c>violations</c>), <c>errors</c> and <c>summary</c>. Every documented key is always present
/// (null when unknown); producer properties are added as extra string members.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    /// <summary>The value of the top-level <c>schemaVersion</c>; bumped only on breaking changes.</summary>
    public const int SchemaVersion = 1;

    private static readonly HashSet<string> ResultKeys = new(StringComparer.Ordinal)
    {
        "target", "file", "documentIndex", "line", "apiVersion", "kind", "namespace", "name", "allowed", "message", "violations",
    };

    private static readonly HashSet<string> ViolationKeys = new(StringComparer.Ordinal)
    {
        "check", "severity", "reason", "detail", "path", "line", "column", "remediation", "helpUri",
    };

    public ReportFormat Format => ReportFormat.Json;

    public void Write(Report report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        JsonText.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteStartObject("tool");
            w.WriteString("name", report.Tool.Name);
            w.WriteString("version", report.Tool.Version);
            w.WriteEndObject();
            w.WriteString("command", report.Command);
            w.WriteStartObject("properties");
            foreach (var (key, value) in report.Properties)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var target in report.Targets)
            {
                WriteTarget(w, target);
            }

            w.WriteEndArray();
            w.WriteStartArray("errors");
            foreach (var error in report.Errors)
            {
                w.WriteStartObject();
                w.StringOrNull("file", error.Location.File);
                w.NumberOrNull("documentIndex", error.Location.DocumentIndex);
                w.NumberOrNull("line", error.Location.Line);
                w.WriteString("message", error.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteSummary(w, report);
            w.WriteEndObject();
        });
    }

    private static void WriteTarget(Utf8JsonWriter w, Target target)
    {
        w.WriteStartObject();
        w.WriteString("target", target.Name);
        w.StringOrNull("file", target.Location?.File);
        w.NumberOrNull("documentIndex", target.Location?.DocumentIndex);
        w.NumberOrNull("line", target.Location?.Line);
        w.StringOrNull("apiVersion", target.Subject?.ApiVersion);
        w.StringOrNull("kind", target.Subject?.Kind);
        w.StringOrNull("namespace", target.Subject?.Namespace);
        w.StringOrNull("name", target.Subject?.Name);
        foreach (var (key, value) in target.Properties)
        {
            if (!ResultKeys.Contains(key))
            {
                w.WriteString(key, value);
            }
        }

        w.WriteBoolean("allowed", target.Passed);
        w.WriteString("message", target.Message);
        w.WriteStartArray("violations");
        foreach (var finding in target.Findings)
        {
            w.WriteStartObject();
            w.WriteString("check", finding.RuleId);
            w.WriteString("severity", finding.Severity.ToWireString());
            w.WriteString("reason", finding.Title);
            w.WriteString("detail", finding.Message);
            w.StringOrNull("path", finding.Location?.JsonPath);
            w.NumberOrNull("line", finding.Location?.Line);
            w.NumberOrNull("column", finding.Location?.Column);
            w.WriteString("remediation", finding.Remediation);
            w.StringOrNull("helpUri", finding.HelpUri?.ToString());
            foreach (var (key, value) in finding.Properties)
            {
                if (!ViolationKeys.Contains(key))
                {
                    w.WriteString(key, value);
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, Report report)
    {
        var summary = report.Summary;
        w.WriteStartObject("summary");
        w.WriteNumber("results", summary.Targets);
        w.WriteNumber("allowed", summary.Passed);
        w.WriteNumber("denied", summary.Failed);
        w.WriteNumber("violations", summary.Findings);
        w.WriteNumber("errors", summary.Errors);
        w.WriteStartObject("bySeverity");
        foreach (var (severity, count) in summary.BySeverity)
        {
            w.WriteNumber(severity.ToWireString(), count);
        }

        w.WriteEndObject();
        foreach (var (name, value) in report.Counters)
        {
            w.WriteNumber(name, value);
        }

        w.WriteEndObject();
    }
}
