namespace Kubeguard.Cli;

/// <summary>Process exit codes, shared by every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything passed.</summary>
    public const int Success = 0;

    /// <summary>Findings at or above the failure threshold (violations, exposures, unverified images).</summary>
    public const int Findings = 1;

    /// <summary>The command line was wrong: unknown option, bad value, missing argument.</summary>
    public const int UsageError = 2;

    /// <summary>Some input could not be read or parsed (the rest was still processed).</summary>
    public const int InputError = 3;

    /// <summary>An unexpected internal error; details with <c>--verbose</c>.</summary>
    public const int InternalError = 70;
}
