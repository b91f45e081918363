using System.Globalization;

namespace Kubeguard.Policy;

/// <summary>
/// A Pod Security policy version: <c>latest</c> or <c>v1.N</c>. <c>latest</c> is newer than every
/// numbered version, including numbers beyond the newest one this library knows.
/// </summary>
public readonly record struct PolicyVersion : IComparable<PolicyVersion>
{
    /// <summary>The error text upstream gives for an invalid version.</summary>
    public const string InvalidVersionMessage = "must be \"latest\" or \"v1.x\"";

    private PolicyVersion(long minor, bool isLatest)
    {
        Minor = minor;
        IsLatest = isLatest;
    }

    /// <summary>The minor number of <c>v1.N</c>; meaningless when <see cref="IsLatest"/>.</summary>
    public long Minor { get; }

    /// <summary>True for <c>latest</c>.</summary>
    public bool IsLatest { get; }

    /// <summary>The version <c>latest</c>.</summary>
    public static PolicyVersion Latest { get; } = new(0, isLatest: true);

    /// <summary>The version <c>v{major}.{minor}</c>; only major version 1 exists.</summary>
    public static PolicyVersion Of(int major, long minor)
    {
        if (major != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(major), major, "only major version 1 exists");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        return new PolicyVersion(minor, isLatest: false);
    }

    /// <summary>
    /// Parses <c>latest</c> or <c>v1.N</c> with upstream's strict rules: lower-case, no leading
    /// zeros, no patch part, a minor that fits a 64-bit integer.
    /// </summary>
    public static bool TryParse(string? text, out PolicyVersion version)
    {
        version = Latest;
        if (text is null)
        {
            return false;
        }

        if (text == "latest")
        {
            return true;
        }

        if (text.Length < 4 || !text.StartsWith("v1.", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = text.AsSpan(3);
        if (digits.Length > 1 && digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new PolicyVersion(minor, isLatest: false);
        return true;
    }

    /// <summary>Parses a version or throws <see cref="FormatException"/> with upstream's error text.</summary>
    public static PolicyVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"invalid version {GoText.Quote(text)}: {InvalidVersionMessage}");

    /// <inheritdoc/>
    public int CompareTo(PolicyVersion other) => (IsLatest, other.IsLatest) switch
    {
        (true, true) => 0,
        (true, false) => 1,
        (false, true) => -1,
        _ => Minor.CompareTo(other.Minor),
    };

    /// <summary>True when <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(PolicyVersion left, PolicyVersion right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(PolicyVersion left, PolicyVersion right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is not newer than <paramref name="right"/>.</summary>
    public static bool operator <=(PolicyVersion left, PolicyVersion right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is not older than <paramref name="right"/>.</summary>
    public static bool operator >=(PolicyVersion left, PolicyVersion right) => left.CompareTo(right) >= 0;

    /// <summary><c>latest</c> or <c>v1.N</c>.</summary>
    public override string ToString() => IsLatest ? "latest" : "v1." + Minor.ToString(CultureInfo.InvariantCulture);
}
