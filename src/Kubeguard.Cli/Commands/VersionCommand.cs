using System.CommandLine;
using System.Reflection;
using Kubeguard.Policy;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard version</c>: the build's version, commit and the policy versions it evaluates.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the Kubeguard version, its commit and the Pod Security policy versions it evaluates.");
        command.SetAction((parse, ct) => RunAsync(parse.InvocationConfiguration.Output));
        return command;
    }

    internal static async Task<int> RunAsync(TextWriter output)
    {
        var (version, commit) = BuildInfo();
        var max = PolicyEvaluator.Default.MaxVersion;
        await output.WriteLineAsync($"kubeguard {version}").ConfigureAwait(false);
        await output.WriteLineAsync($"commit: {commit}").ConfigureAwait(false);
        await output.WriteLineAsync($"pod security: levels {string.Join(", ", Levels.All.Select(l => l.ToWireString()))}; policy versions v1.0 to {max}; latest = {max}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The SemVer version and the commit the build came from (from the informational version).</summary>
    internal static (string Version, string Commit) BuildInfo()
    {
        var informational = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, "unknown") : (informational[..plus], informational[(plus + 1)..]);
    }
}
