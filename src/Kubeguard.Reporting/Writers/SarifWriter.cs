using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kubeguard.Reporting.Writers;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it: one rule per check with help text, one result per
/// finding with a physical location (file and region) and a logical one (the object), a stable
/// partial fingerprint, and input errors as tool execution notifications.
/// </summary>
internal sealed class SarifWriter : IReportWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public const string FingerprintKey = "kubeguard/v1";

    public ReportFormat Format => ReportFormat.Sarif;

    public void Write(Report report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < report.Rules.Length; i++)
        {
            ruleIndex.TryAdd(report.Rules[i].Id, i);
        }

        JsonText.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, report);
            w.WriteStartObject("automationDetails");
            w.WriteString("id", report.Tool.Name + "/" + report.Command + "/");
            w.WriteEndObject();
            w.WriteString("columnKind", "unicodeCodePoints");
            w.WriteStartArray("results");
            foreach (var (target, finding) in report.Findings)
            {
                if (finding.Severity != Severity.None)
                {
                    WriteResult(w, target, finding, ruleIndex);
                }
            }

            w.WriteEndArray();
            WriteInvocation(w, report);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteTool(Utf8JsonWriter w, Report report)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", report.Tool.Name);
        w.WriteString("version", report.Tool.Version);
        w.WriteString("semanticVersion", report.Tool.Version);
        if (report.Tool.InformationUri is { } info)
        {
            w.WriteString("informationUri", info.ToString());
        }

        w.WriteStartArray("rules");
        foreach (var rule in report.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", rule.Id);
            w.WriteString("name", rule.Title);
            Text(w, "shortDescription", Cap(rule.Title));
            Text(w, "fullDescription", Cap(rule.Description.Length > 0 ? rule.Description : rule.Title));
            w.WriteStartObject("help");
            w.WriteString("text", Cap(rule.Help.Length > 0 ? rule.Help : rule.Description));
            w.WriteString("markdown", Cap(rule.Help.Length > 0 ? rule.Help : rule.Description));
            w.WriteEndObject();
            if (rule.HelpUri is { } help)
            {
                w.WriteString("helpUri", help.ToString());
            }

            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", rule.DefaultSeverity.ToSarifLevel());
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            foreach (var tag in rule.Tags.IsDefaultOrEmpty ? ["security"] : rule.Tags.Take(20))
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteString("precision", "very-high");
            w.WriteString("problem.severity", rule.DefaultSeverity >= Severity.Medium ? "error" : rule.DefaultSeverity >= Severity.Low ? "warning" : "recommendation");
            if (rule.DefaultSeverity.ToSecurityScore() is { } score)
            {
                w.WriteString("security-severity", score);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Target target, Finding finding, Dictionary<string, int> ruleIndex)
    {
        var subject = finding.Subject ?? target.Subject;
        var location = finding.Location ?? target.Location;
        w.WriteStartObject();
        w.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            w.WriteNumber("ruleIndex", index);
        }

        w.WriteString("level", finding.Severity.ToSarifLevel());
        var text = finding.Message.Length > 0 ? finding.Title + " (" + finding.Message + ")" : finding.Title;
        Text(w, "message", (subject is null ? target.Name : subject.DisplayName) + ": " + text);
        w.WriteStartArray("locations");
        w.WriteStartObject();
        if (location?.File is { } file)
        {
            w.WriteStartObject("physicalLocation");
            w.WriteStartObject("artifactLocation");
            w.WriteString("uri", ToUri(file));
            w.WriteEndObject();
            var line = Math.Max(1, location.Line ?? 1);
            var column = Math.Max(1, location.Column ?? 1);
            w.WriteStartObject("region");
            w.WriteNumber("startLine", line);
            w.WriteNumber("startColumn", column);
            w.WriteNumber("endLine", line);
            w.WriteNumber("endColumn", column + 1);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", subject?.Name ?? target.Name);
        w.WriteString("fullyQualifiedName", (subject?.DisplayName ?? target.Name) + (location?.JsonPath is { } p ? "#" + p : string.Empty));
        w.WriteString("kind", "resource");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintKey, Fingerprint(finding.RuleId, location?.File, subject?.DisplayName ?? target.Name, location?.JsonPath));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("target", target.Name);
        foreach (var (key, value) in target.Properties)
        {
            w.WriteString(key, value);
        }

        if (location?.JsonPath is { } path)
        {
            w.WriteString("path", path);
        }

        if (finding.Remediation.Length > 0)
        {
            w.WriteString("remediation", finding.Remediation);
        }

        foreach (var (key, value) in finding.Properties)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter w, Report report)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", !report.HasErrors);
        w.WriteStartArray("toolExecutionNotifications");
        foreach (var error in report.Errors)
        {
            w.WriteStartObject();
            w.WriteString("level", "error");
            Text(w, "message", error.Message);
            if (error.Location.File is { } file)
            {
                w.WriteStartArray("locations");
                w.WriteStartObject();
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation");
                w.WriteString("uri", ToUri(file));
                w.WriteEndObject();
                if (error.Location.Line is { } line and > 0)
                {
                    w.WriteStartObject("region");
                    w.WriteNumber("startLine", line);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Text(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static string Cap(string text) => text.Length <= 1024 ? text : text[..1021] + "...";

    /// <summary>A relative URI reference for a relative path, a <c>file:</c> URI for an absolute one.</summary>
    internal static string ToUri(string file)
    {
        if (Path.IsPathFullyQualified(file))
        {
            return new Uri(file).AbsoluteUri;
        }

        var segments = file.Replace('\\', '/').Split('/');
        var start = 0;
        while (start < segments.Length - 1 && segments[start] is "." or "")
        {
            start++;
        }

        return string.Join('/', segments[start..].Select(Uri.EscapeDataString));
    }

    private static string Fingerprint(string ruleId, string? file, string subject, string? path)
    {
        var text = string.Join('\n', ruleId, file ?? string.Empty, subject, path ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16)).ToString(CultureInfo.InvariantCulture);
    }
}
