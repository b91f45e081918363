using System.Globalization;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Output;

/// <summary>The plan for people: a summary table, then per namespace what breaks and the command to run.</summary>
public static class PlanText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var rows = report.Namespaces.Select(n => new[]
        {
            n.Name,
            n.Policy.Enforce.ToString(),
            n.Plan.Strictest?.ToString() ?? "unknown",
            n.Pods.ToString(CultureInfo.InvariantCulture),
            n.Templates.ToString(CultureInfo.InvariantCulture),
            Note(n),
        }).Prepend(["NAMESPACE", "ENFORCE NOW", "STRICTEST TODAY", "PODS", "TEMPLATES", "NOTE"]).ToList();
        var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        foreach (var ns in report.Namespaces.Where(n => !n.Plan.Breaks.IsDefaultOrEmpty || n.Plan.Target is not null || !n.Complete))
        {
            output.WriteLine();
            output.WriteLine($"== {ns.Name}");
            foreach (var skipped in ns.Skipped)
            {
                output.WriteLine($"  not read: {skipped.Resource}: {skipped.Reason}");
            }

            foreach (var level in ns.Plan.Breaks)
            {
                output.WriteLine($"  breaks at {level.Policy}:");
                foreach (var item in level.Workloads)
                {
                    var counts = item.Pods > 0 ? $"{item.Pods} pod{(item.Pods == 1 ? "" : "s")}" : "template";
                    output.WriteLine($"    {item.Workload} ({counts}, e.g. {item.Example}): {item.Reasons}");
                }

                if (level.OtherObjects > 0)
                {
                    output.WriteLine($"    … and {level.OtherObjects} more failing objects");
                }
            }

            if (ns.Plan.Target is { } target)
            {
                output.WriteLine("  apply (check first with --dry-run=server):");
                output.WriteLine("    " + target.KubectlCommand);
            }
        }

        foreach (var skipped in report.Skipped)
        {
            output.WriteLine();
            output.WriteLine($"cluster-wide {skipped.Resource} not listed: {skipped.Reason}");
        }
    }

    private static string Note(NamespaceReport ns) => string.Join("; ", new[]
    {
        ns.Exempt ? "exempt by PodSecurityConfiguration" : null,
        ns.Complete ? null : "not read completely",
        ns.LabelErrors.IsDefaultOrEmpty ? null : "invalid labels",
    }.Where(s => s is not null));
}
