using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Rules;

/// <summary>An advisory that affects versions in some ranges.</summary>
public sealed record VersionRule
{
    /// <summary>Advisory ID and name.</summary>
    public string Advisory { get; set; } = "";

    /// <summary>Short title.</summary>
    public string Title { get; set; } = "";

    /// <summary>Image match (a repository suffix) for image rules.</summary>
    public string Match { get; set; } = "";

    /// <summary>Rule kind for image rules: <c>known-exploitable</c> or <c>end-of-life</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Prefix for runtime rules (<c>containerd://</c>).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>A server condition the advisory needs (<c>web-config</c>, <c>azuread</c>), or empty.</summary>
    public string Condition { get; set; } = "";

    /// <summary>Affected ranges.</summary>
    public IReadOnlyList<VersionRange> Ranges { get; set; } = [];

    /// <summary>True when <paramref name="version"/> falls in any range.</summary>
    public bool Affects(TagVersion version) => Ranges.Any(r => r.Contains(version));
}
