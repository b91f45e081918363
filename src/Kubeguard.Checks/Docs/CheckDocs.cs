using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kubeguard.Checks.Exemptions;

namespace Kubeguard.Checks.Docs;

/// <summary>
/// Renders the catalog for people: the generated <c>docs/checks-beyond-pss.md</c>,
/// <c>kubeguard checks</c> in table, JSON and Markdown form, and <c>kubeguard explain</c>.
/// </summary>
public static class CheckDocs
{
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The Markdown document, one section per check, grouped by family.</summary>
    public static string Markdown(IEnumerable<InventoryCheck> checks, SeverityTable severities)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(severities);
        var list = checks.ToList();
        var md = new StringBuilder();
        md.Append("# Checks beyond Pod Security\n\n");
        md.Append("<!-- Generated from the check catalog (src/Kubeguard.Checks/BuiltInChecks.cs) by `kubeguard checks --format markdown`. Do not edit by hand. -->\n\n");
        md.Append("These checks run beside the Pod Security Standards checks and never change their verdicts or messages. ");
        md.Append("Each has a stable ID, a family that can be switched off (`--checks`), and a default severity that can be changed.\n\n");
        md.Append("| ID | Family | Default severity | Title |\n|---|---|---|---|\n");
        foreach (var check in list)
        {
            md.Append($"| [`{check.Id}`](#{check.Id}) | {check.Family.ToWireString()} | {severities[check.Id].ToWireString()} | {check.Title} |\n");
        }

        foreach (var family in CheckFamilies.All)
        {
            var inFamily = list.Where(c => c.Family == family).ToList();
            if (inFamily.Count == 0)
            {
                continue;
            }

            md.Append($"\n## Family `{family.ToWireString()}`\n");
            foreach (var check in inFamily)
            {
                md.Append('\n').Append(Section(check, severities, "###"));
            }
        }

        md.Append("\n## Exemptions\n\n");
        md.Append("One exemptions file serves `kubeguard scan`, `kubeguard cluster` and the webhook (`--exemptions FILE`). ");
        md.Append("Each entry names a check and at least one of `namespace`, `kind`, `name`, `container` or `imageDigest`, ");
        md.Append("and must give a `reason`, an `owner` and an `expires` date (`YYYY-MM-DD`, the last day it applies). ");
        md.Append("Expired exemptions stop applying and are listed in the report; invalid entries are reported with their line and exempt nothing.\n\n");
        md.Append("```yaml\n");
        md.Append($"apiVersion: {ExemptionsFile.ApiVersion}\nkind: Exemptions\nexemptions:\n");
        md.Append("  - check: image-not-pinned-by-digest\n    namespace: monitoring\n    kind: DaemonSet\n    name: node-exporter\n");
        md.Append("    reason: vendor chart pins by tag; tracked in OPS-112\n    owner: team-observability\n    expires: 2027-03-31\n");
        md.Append("```\n\n");
        md.Append($"The second way is an annotation on the object itself, one per check: `{InlineExemptions.Prefix}<check-id>` ");
        md.Append("with the value `reason=…; owner=…; expires=YYYY-MM-DD`. It exempts findings about that object only, under the same rules.\n");
        return md.ToString();
    }

    /// <summary>One check as Markdown: heading, rationale, fix and facts.</summary>
    public static string Section(InventoryCheck check, SeverityTable severities, string heading = "#")
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(severities);
        var md = new StringBuilder();
        md.Append($"{heading} `{check.Id}`\n\n");
        md.Append($"**{check.Title}** · family `{check.Family.ToWireString()}` · default severity `{severities[check.Id].ToWireString()}`");
        if (check.Reads.Count > 0)
        {
            md.Append($" · reads {string.Join(", ", check.Reads)}");
        }

        md.Append("\n\n").Append(check.Rationale).Append("\n\n");
        md.Append("**Fix:** ").Append(check.Fix).Append('\n');
        return md.ToString();
    }

    /// <summary>
    /// A Pod Security check explained in the same shape as <see cref="Section"/>: its summary,
    /// remediation and the fields it reads, from the Pod Security engine's catalog.
    /// </summary>
    public static string PodSecuritySection(Policy.Check check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var md = new StringBuilder();
        md.Append($"# `{check.Id}`\n\n");
        md.Append($"**Pod Security Standards** · level `{Policy.Levels.ToWireString(check.Level)}` · since `{check.Versions[0].MinimumVersion}`\n\n");
        md.Append(check.Summary).Append("\n\n");
        md.Append("**Fix:** ").Append(check.Remediation).Append('\n');
        if (!check.Fields.IsDefaultOrEmpty)
        {
            md.Append("\n**Fields:**\n\n");
            foreach (var field in check.Fields)
            {
                md.Append($"- `{field}`\n");
            }
        }

        return md.ToString();
    }

    /// <summary>An aligned plain-text table: ID, family, severity, title.</summary>
    public static string Table(IEnumerable<InventoryCheck> checks, SeverityTable severities)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(severities);
        string[] header = ["ID", "FAMILY", "SEVERITY", "TITLE"];
        var rows = checks.Select(c => new[] { c.Id, c.Family.ToWireString(), severities[c.Id].ToWireString(), c.Title }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row[0].PadRight(widths[0] + 2)).Append(row[1].PadRight(widths[1] + 2)).Append(row[2].PadRight(widths[2] + 2)).Append(row[3]).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A JSON array of checks with every field.</summary>
    public static string Json(IEnumerable<InventoryCheck> checks, SeverityTable severities)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(severities);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var check in checks)
            {
                json.WriteStartObject();
                json.WriteString("id", check.Id);
                json.WriteString("family", check.Family.ToWireString());
                json.WriteString("severity", severities[check.Id].ToWireString());
                json.WriteString("title", check.Title);
                json.WriteString("rationale", check.Rationale);
                json.WriteString("fix", check.Fix);
                json.WriteStartArray("reads");
                foreach (var kind in check.Reads)
                {
                    json.WriteStringValue(kind);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
