namespace Kubeguard.Policy;

/// <summary>A level at a policy version, printed as upstream does: <c>restricted:latest</c>.</summary>
/// <param name="Level">The level.</param>
/// <param name="Version">The version as requested (never clamped).</param>
public readonly record struct LevelVersion(Level Level, PolicyVersion Version)
{
    /// <summary>Parses <c>level:version</c>, e.g. <c>baseline:v1.25</c>, or a bare level (version <c>latest</c>).</summary>
    public static bool TryParse(string? text, out LevelVersion value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var levelText = colon < 0 ? text : text[..colon];
        var version = PolicyVersion.Latest;
        if (!Levels.TryParse(levelText, out var level) || (colon >= 0 && !PolicyVersion.TryParse(text[(colon + 1)..], out version)))
        {
            return false;
        }

        value = new LevelVersion(level, version);
        return true;
    }

    /// <summary>
    /// Upstream equivalence: both privileged (versions ignored), or the same level and version
    /// (<c>latest</c> differs from the newest numbered version here).
    /// </summary>
    public bool IsEquivalentTo(LevelVersion other) =>
        (Level == Level.Privileged && other.Level == Level.Privileged) || this == other;

    /// <summary><c>level:version</c>.</summary>
    public override string ToString() => Level.ToWireString() + ":" + Version.ToString();
}
