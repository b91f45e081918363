using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Images;

/// <summary>
/// A SemVer-ish version read from a tag or version string: optional <c>v</c>, up to three numeric
/// parts, and the suffix after them (<c>-alpine3.12</c>, <c>+ds</c>).
/// </summary>
/// <param name="Major">Major.</param>
/// <param name="Minor">Minor (0 when absent).</param>
/// <param name="Patch">Patch (0 when absent).</param>
/// <param name="Parts">How many numeric parts were written.</param>
/// <param name="Suffix">Text after the numbers.</param>
public sealed partial record TagVersion(int Major, int Minor, int Patch, int Parts, string Suffix)
{
    /// <summary>Parses a version; false when the text does not start with a number (after an optional v).</summary>
    public static bool TryParse(string? text, out TagVersion version)
    {
        version = new TagVersion(0, 0, 0, 0, "");
        if (text is null)
        {
            return false;
        }

        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        static int Part(Group g) => g.Success && int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var parts = 1 + (m.Groups["minor"].Success ? 1 : 0) + (m.Groups["patch"].Success ? 1 : 0);
        version = new TagVersion(Part(m.Groups["major"]), Part(m.Groups["minor"]), Part(m.Groups["patch"]), parts, m.Groups["suffix"].Value);
        return true;
    }

    /// <summary>Compares the numeric parts.</summary>
    public int CompareTo(TagVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    /// <summary>True when this version is below <paramref name="other"/> (numbers only).</summary>
    public bool IsBelow(TagVersion other) => CompareTo(other) < 0;

    /// <inheritdoc/>
    public override string ToString() => Parts switch
    {
        1 => $"{Major}",
        2 => $"{Major}.{Minor}",
        _ => $"{Major}.{Minor}.{Patch}",
    };

    [GeneratedRegex(@"^[vV]?(?<major>\d{1,6})(\.(?<minor>\d{1,6}))?(\.(?<patch>\d{1,6}))?(?<suffix>.*)$")]
    private static partial Regex Pattern();
}
