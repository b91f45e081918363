using System.CommandLine;
using Kubeguard.Checks;
using Kubeguard.Checks.Docs;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard checks</c>: lists the checks beyond Pod Security, as a table, JSON or Markdown.</summary>
internal static class ChecksCommand
{
    /// <summary>The output formats of the listing.</summary>
    internal enum ListFormat
    {
        Table,
        Json,
        Markdown,
    }

    private static readonly Option<ListFormat> Format = new("--format", "-o")
    {
        Description = "Output format: table, json or markdown (markdown is docs/checks-beyond-pss.md).",
        DefaultValueFactory = _ => ListFormat.Table,
    };

    private static readonly Option<string[]> Families = new("--family")
    {
        Description = "Only list checks of these families: supply-chain, workload-identity, network-exposure, encryption-in-transit, rbac.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create()
    {
        var command = new Command("checks", "List the checks beyond Pod Security with their family and default severity.") { Format, Families };
        Families.Validators.Add(result =>
        {
            foreach (var name in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!CheckFamilies.TryParse(name, out _))
                {
                    result.AddError($"unknown family \"{name}\" (expected {string.Join(", ", CheckFamilies.All.Select(f => f.ToWireString()))})");
                }
            }
        });
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(Format), parse.GetValue(Families) ?? [], parse.InvocationConfiguration.Output));
        return command;
    }

    internal static async Task<int> RunAsync(ListFormat format, IReadOnlyCollection<string> families, TextWriter output)
    {
        var selected = families.Select(f => CheckFamilies.TryParse(f, out var family) ? family : (CheckFamily?)null).OfType<CheckFamily>().ToHashSet();
        var checks = BuiltInChecks.All.Where(c => selected.Count == 0 || selected.Contains(c.Family)).ToList();
        var text = format switch
        {
            ListFormat.Json => CheckDocs.Json(checks, SeverityTable.Default),
            ListFormat.Markdown => CheckDocs.Markdown(checks, SeverityTable.Default),
            _ => CheckDocs.Table(checks, SeverityTable.Default),
        };
        await output.WriteAsync(text).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
