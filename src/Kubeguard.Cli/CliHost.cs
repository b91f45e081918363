using System.CommandLine;

namespace Kubeguard.Cli;

/// <summary>
/// Runs the command tree: usage errors exit with <see cref="ExitCodes.UsageError"/>, and an
/// unexpected exception prints one line on stderr (the stack trace only with <c>--verbose</c>).
/// </summary>
internal static class CliHost
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
        };

        if (parse.Errors.Count > 0)
        {
            await parse.InvokeAsync(configuration).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        try
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await configuration.Error.WriteLineAsync("kubeguard: cancelled").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
#pragma warning disable CA1031 // the host boundary: translate any failure into one line and an exit code
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var verbose = parse.GetValue(CliOptions.Verbose);
            await configuration.Error.WriteLineAsync($"kubeguard: {ex.Message}").ConfigureAwait(false);
            if (verbose)
            {
                await configuration.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }
            else
            {
                await configuration.Error.WriteLineAsync("(run with --verbose for details)").ConfigureAwait(false);
            }

            return ExitCodes.InternalError;
        }
    }
}
