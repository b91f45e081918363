using System.CommandLine;
using Kubeguard.Checks;
using Kubeguard.Checks.Docs;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard explain ID</c>: prints one check, beyond Pod Security or one of the 19 Pod Security checks.</summary>
internal static class ExplainCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "A check ID, e.g. image-not-pinned-by-digest or hostPorts." };

    public static Command Create()
    {
        var command = new Command("explain", "Explain one check: why it matters and how to fix it.") { Id };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(Id) ?? string.Empty, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static async Task<int> RunAsync(string id, TextWriter output, TextWriter error)
    {
        if (BuiltInChecks.Find(id) is { } check)
        {
            await output.WriteAsync(CheckDocs.Section(check, SeverityTable.Default)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (Policy.CheckCatalog.Find(id) is { } podSecurity)
        {
            await output.WriteAsync(CheckDocs.PodSecuritySection(podSecurity)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await error.WriteLineAsync($"kubeguard: unknown check \"{id}\" (kubeguard checks lists the checks beyond Pod Security; Pod Security IDs are camelCase, e.g. hostPorts)").ConfigureAwait(false);
        return ExitCodes.UsageError;
    }
}
