using System.CommandLine;
using Kubeguard.Policy;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard versions</c>: the policy levels and versions this build knows.</summary>
internal static class VersionsCommand
{
    public static Command Create()
    {
        var command = new Command("versions", "List the Pod Security levels and policy versions this build evaluates.");
        command.SetAction((parse, ct) => RunAsync(parse.InvocationConfiguration.Output));
        return command;
    }

    internal static async Task<int> RunAsync(TextWriter output)
    {
        var max = PolicyEvaluator.Default.MaxVersion;
        await output.WriteLineAsync($"levels: {string.Join(", ", Levels.All.Select(l => l.ToWireString()))}").ConfigureAwait(false);
        await output.WriteLineAsync($"versions: v1.0 … {max} and latest (= {max}); newer versions evaluate as {max}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
