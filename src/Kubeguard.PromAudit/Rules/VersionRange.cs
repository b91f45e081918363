using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Rules;

/// <summary>A half-open version range <c>[From, Below)</c>; a missing <c>From</c> means from zero.</summary>
/// <param name="From">Inclusive lower bound, or null.</param>
/// <param name="Below">Exclusive upper bound.</param>
public sealed record VersionRange(string? From, string Below)
{
    /// <summary>True when <paramref name="version"/> lies in the range.</summary>
    public bool Contains(TagVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return TagVersion.TryParse(Below, out var below) && version.IsBelow(below)
            && (From is null || (TagVersion.TryParse(From, out var from) && !version.IsBelow(from)));
    }
}
