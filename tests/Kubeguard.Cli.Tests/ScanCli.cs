using System.CommandLine;
using Kubeguard.Cli.Commands;
using Kubeguard.Testing;

namespace Kubeguard.Cli.Tests;

/// <summary>Runs <c>kubeguard scan</c> in-process from the repository root, so paths in outputs are relative and stable.</summary>
internal static class ScanCli
{
    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Error) Run(string? stdin, params string[] args)
    {
        lock (Gate)
        {
            Directory.SetCurrentDirectory(RepositoryPaths.Root);
            var root = new RootCommand { CliOptions.Verbose, ScanCommand.Create() };
            var parse = root.Parse(["scan", .. args]);
            using var output = new StringWriter();
            using var error = new StringWriter();
            if (parse.Errors.Count > 0)
            {
                var exit = CliHost.RunAsync(root, ["scan", .. args], output, error).GetAwaiter().GetResult();
                return (exit, output.ToString(), error.ToString());
            }

            var request = ScanOptionsCli.ToRequest(parse);
            var console = new ConsoleEnvironment(output, error, new StringReader(stdin ?? string.Empty), OutIsTerminal: false, ErrorIsTerminal: false, _ => null);
            var code = ScanCommand.RunAsync(request, console, CancellationToken.None).GetAwaiter().GetResult();
            return (code, output.ToString(), error.ToString());
        }
    }
}
