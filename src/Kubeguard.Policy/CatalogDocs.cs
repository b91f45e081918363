using System.Text;

namespace Kubeguard.Policy;

/// <summary>Renders a check catalog as the Markdown reference in <c>docs/checks.md</c>.</summary>
internal static class CatalogDocs
{
    /// <summary>The Markdown reference for <paramref name="checks"/> (the built-in catalog by default), with <c>\n</c> line endings.</summary>
    public static string ToMarkdown(IEnumerable<Check>? checks = null)
    {
        var list = (checks ?? CheckCatalog.BuiltIn).OrderBy(c => c.Id, GoText.Ordinal).ToList();
        var evaluator = PolicyEvaluator.Create(list);
        var sb = new StringBuilder();
        sb.Append("# Pod Security checks\n\n")
          .Append("<!-- Generated from CheckCatalog.BuiltIn by CatalogDocs.ToMarkdown(); do not edit by hand. -->\n\n")
          .Append("Kubeguard implements the ").Append(list.Count).Append(" checks of the Kubernetes Pod Security Standards with the verdicts and messages of ")
          .Append("Pod Security Admission. The newest policy version is `").Append(evaluator.MaxVersion).Append("`; `latest` and newer versions evaluate as it. ")
          .Append("A check runs at version V with its newest implementation whose minimum version is at most V. ")
          .Append("`restricted` runs the restricted checks and every baseline check that no active restricted check replaces. ")
          .Append("Fields under `spec.containers[*]` are read the same way in `spec.initContainers[*]` and `spec.ephemeralContainers[*]`.\n\n")
          .Append("| ID | Level | Versions | Summary |\n")
          .Append("| --- | --- | --- | --- |\n");
        foreach (var check in list)
        {
            sb.Append("| [`").Append(check.Id).Append("`](#").Append(check.Id.ToLowerInvariant()).Append(") | ")
              .Append(check.Level.ToWireString()).Append(" | ")
              .Append(Versions(check)).Append(" | ")
              .Append(Cell(check.Summary)).Append(" |\n");
        }

        foreach (var check in list)
        {
            sb.Append("\n## ").Append(check.Id).Append("\n\n")
              .Append(check.Summary).Append("\n\n")
              .Append("- Level: ").Append(check.Level.ToWireString()).Append('\n')
              .Append("- Versions: ").Append(Versions(check)).Append('\n');
            foreach (var version in check.Versions.Where(v => !v.Overrides.IsDefaultOrEmpty))
            {
                sb.Append("- From ").Append(version.MinimumVersion).Append(" replaces: ")
                  .Append(string.Join(", ", version.Overrides.Select(o => "`" + o + "`"))).Append('\n');
            }

            sb.Append("- Fields:\n");
            foreach (var field in check.Fields)
            {
                sb.Append("  - `").Append(field).Append("`\n");
            }

            sb.Append("- Remediation: ").Append(check.Remediation).Append('\n');
        }

        return sb.ToString();
    }

    private static string Versions(Check check) => string.Join(", ", check.Versions.Select(v => v.MinimumVersion.ToString()));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
