using System.Globalization;
using System.Text;

namespace Kubeguard.Reporting.Writers;

/// <summary>
/// Text for people: targets grouped by file in input order, each failing target with its findings
/// (reason, severity, line and field path, detail, fix hint), then input errors and a summary line.
/// ANSI colour only when <see cref="ReportWriterOptions.Color"/> is set.
/// </summary>
internal sealed class TableWriter(ReportWriterOptions options) : IReportWriter
{
    private const string NoFile = "(no file)";

    public ReportFormat Format => ReportFormat.Table;

    public void Write(Report report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var sb = new StringBuilder();
        foreach (var group in report.Targets.GroupBy(t => t.Location?.File ?? NoFile, StringComparer.Ordinal))
        {
            var shown = group.Where(t => options.ShowPassed || !t.Passed).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            sb.Append(Paint(group.Key, Ansi.Bold)).Append('\n');
            foreach (var target in shown)
            {
                WriteTarget(sb, target, report);
            }

            sb.Append('\n');
        }

        if (report.HasErrors)
        {
            sb.Append(Paint("input errors", Ansi.Bold)).Append('\n');
            foreach (var error in report.Errors)
            {
                sb.Append("  ").Append(Paint("ERROR", Ansi.Red)).Append(' ').Append(Where(error.Location)).Append(": ").Append(error.Message).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append(SummaryLine(report)).Append('\n');
        output.Write(sb.ToString());
    }

    private void WriteTarget(StringBuilder sb, Target target, Report report)
    {
        sb.Append("  ").Append(target.Passed ? Paint("PASS", Ansi.Green) : Paint("FAIL", Ansi.Red)).Append("  ").Append(target.Name);
        if (target.Location?.Line is { } line)
        {
            sb.Append(Paint(" (line " + line.ToString(CultureInfo.InvariantCulture) + ")", Ansi.Dim));
        }

        sb.Append('\n');
        foreach (var finding in target.Findings)
        {
            sb.Append("      - ").Append(finding.Title).Append(' ').Append(Paint("[" + finding.Severity.ToWireString() + "]", SeverityColor(finding.Severity)));
            if (finding.Location is { } at && (at.Line is not null || at.JsonPath is not null))
            {
                sb.Append(Paint(
                    (at.Line is { } l ? " line " + l.ToString(CultureInfo.InvariantCulture) : string.Empty) + (at.JsonPath is { } p ? " " + p : string.Empty),
                    Ansi.Dim));
            }

            sb.Append('\n');
            if (finding.Message.Length > 0)
            {
                sb.Append("        ").Append(finding.Message).Append('\n');
            }

            // Evidence lines (e.g. the Prometheus auditor's redacted evidence), one per line, indented under the message.
            if (finding.Properties.TryGetValue("evidence", out var evidence))
            {
                foreach (var evidenceLine in evidence.Split('\n'))
                {
                    sb.Append("          ").Append(evidenceLine).Append('\n');
                }
            }

            var fix = finding.Remediation.Length > 0 ? finding.Remediation : report.FindRule(finding.RuleId)?.Help ?? string.Empty;
            if (fix.Length > 0)
            {
                sb.Append("        ").Append(Paint("fix: ", Ansi.Cyan)).Append(fix).Append('\n');
            }
        }
    }

    private static string Where(Location location)
    {
        var text = location.ToString();
        return location.DocumentIndex is { } index
            ? text + " (document " + (index + 1).ToString(CultureInfo.InvariantCulture) + ")"
            : text;
    }

    private string SummaryLine(Report report)
    {
        var summary = report.Summary;
        var sb = new StringBuilder("Summary: ");
        sb.Append(Count(summary.Targets, report.TargetNoun)).Append(" checked: ")
            .Append(summary.Passed.ToString(CultureInfo.InvariantCulture)).Append(" passed, ")
            .Append(summary.Failed.ToString(CultureInfo.InvariantCulture)).Append(" failed");
        if (summary.Findings > 0)
        {
            var parts = summary.BySeverity.Where(p => p.Value > 0).Reverse()
                .Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + " " + p.Key.ToWireString());
            sb.Append(" (").Append(Count(summary.Findings, "finding")).Append(": ").Append(string.Join(", ", parts)).Append(')');
        }

        sb.Append("; ").Append(Count(summary.Errors, "input error"));
        if (!report.Counters.IsDefaultOrEmpty)
        {
            sb.Append("; read ").Append(string.Join(", ", report.Counters.Select(c => c.Value.ToString(CultureInfo.InvariantCulture) + " " + Words(c.Key))));
        }

        sb.Append('.');
        var text = sb.ToString();
        return summary.Failed > 0 || summary.Errors > 0 ? Paint(text, Ansi.Bold) : Paint(text, Ansi.Green);
    }

    /// <summary><c>podBearing</c> → <c>pod-bearing</c>.</summary>
    private static string Words(string camel)
    {
        var sb = new StringBuilder(camel.Length + 4);
        foreach (var c in camel)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                sb.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");

    private static string SeverityColor(Severity severity) => severity switch
    {
        >= Severity.High => Ansi.Red,
        Severity.Medium => Ansi.Yellow,
        _ => Ansi.Cyan,
    };

    private string Paint(string text, string code) => options.Color ? code + text + Ansi.Reset : text;

    private static class Ansi
    {
        public const string Reset = "\u001b[0m";
        public const string Bold = "\u001b[1m";
        public const string Dim = "\u001b[2m";
        public const string Red = "\u001b[31m";
        public const string Green = "\u001b[32m";
        public const string Yellow = "\u001b[33m";
        public const string Cyan = "\u001b[36m";
    }
}
