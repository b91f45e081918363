using System.CommandLine;

namespace Kubeguard.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    /// <summary><c>--verbose</c>: show stack traces and diagnostic detail on errors.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Show diagnostic detail, including stack traces, on errors.",
        Recursive = true,
    };
}
