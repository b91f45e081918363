namespace Kubeguard.Cli.Commands;

/// <summary>The process's console streams and environment, passed in so tests can replace them.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="In">Standard input.</param>
/// <param name="OutIsTerminal">True when standard output is a terminal.</param>
/// <param name="ErrorIsTerminal">True when standard error is a terminal.</param>
/// <param name="Variable">Reads an environment variable.</param>
internal sealed record ConsoleEnvironment(TextWriter Out, TextWriter Error, TextReader In, bool OutIsTerminal, bool ErrorIsTerminal, Func<string, string?> Variable)
{
    /// <summary>The real console.</summary>
    public static ConsoleEnvironment For(TextWriter output, TextWriter error) =>
        new(output, error, Console.In, !Console.IsOutputRedirected, !Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
}
