using System.Text;

namespace Kubeguard.PromAudit;

/// <summary>Renders the probe catalogue as Markdown (<c>docs/prometheus-probes.md</c> is generated from it).</summary>
public static class ProbeCatalogDocs
{
    /// <summary>The catalogue as a Markdown document.</summary>
    public static string Markdown(SeverityPolicy severities)
    {
        ArgumentNullException.ThrowIfNull(severities);
        var sb = new StringBuilder();
        sb.Append("# Prometheus exposure probes\n\n")
          .Append("Generated from `ProbeCatalog` and `Rules/severities.json`; do not edit by hand.\n")
          .Append("Severity is the default; the elevated severity applies when the probe's aggravating condition holds.\n\n")
          .Append("| ID | Name | Category | Title | Severity (elevated) | Fix | Limits |\n")
          .Append("|---|---|---|---|---|---|---|\n");
        foreach (var probe in ProbeCatalog.BuiltIn)
        {
            var normal = severities.For(probe.Id, false);
            var elevated = severities.For(probe.Id, true);
            sb.Append($"| {probe.Id.Code} | `{probe.Id.Name}` | {probe.Category} | {probe.Title} | {normal}{(elevated != normal ? $" ({elevated})" : "")} | {probe.Remediation.Replace("|", "\\|", StringComparison.Ordinal)} | {probe.Limitations} |\n");
        }

        return sb.ToString();
    }
}
