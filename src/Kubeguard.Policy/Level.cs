namespace Kubeguard.Policy;

/// <summary>A Pod Security Standards level, ordered from least to most strict.</summary>
public enum Level
{
    /// <summary>No restrictions: every pod is allowed.</summary>
    Privileged = 0,

    /// <summary>Prevents known privilege escalations.</summary>
    Baseline = 1,

    /// <summary>Current pod hardening best practices.</summary>
    Restricted = 2,
}

/// <summary>Parsing and printing of <see cref="Level"/> exactly as Pod Security Admission does.</summary>
public static class Levels
{
    /// <summary>The error text upstream gives for an invalid level.</summary>
    public const string InvalidLevelMessage = "must be one of privileged, baseline, restricted";

    /// <summary>All levels from least to most strict.</summary>
    public static IReadOnlyList<Level> All { get; } = [Level.Privileged, Level.Baseline, Level.Restricted];

    /// <summary>Parses <c>privileged</c>, <c>baseline</c> or <c>restricted</c> (exact, lower-case).</summary>
    public static bool TryParse(string? text, out Level level)
    {
        switch (text)
        {
            case "privileged": level = Level.Privileged; return true;
            case "baseline": level = Level.Baseline; return true;
            case "restricted": level = Level.Restricted; return true;
            default: level = Level.Restricted; return false;
        }
    }

    /// <summary>Parses a level or throws <see cref="FormatException"/> with upstream's error text.</summary>
    public static Level Parse(string text) =>
        TryParse(text, out var level) ? level : throw new FormatException($"invalid level {GoText.Quote(text)}: {InvalidLevelMessage}");

    /// <summary>The wire form of the level: <c>privileged</c>, <c>baseline</c> or <c>restricted</c>.</summary>
    public static string ToWireString(this Level level) => level switch
    {
        Level.Privileged => "privileged",
        Level.Baseline => "baseline",
        Level.Restricted => "restricted",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown level"),
    };
}
