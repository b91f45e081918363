using System.Collections.Immutable;

namespace Kubeguard.Checks;

/// <summary>What to run and with which settings.</summary>
public sealed record CheckOptions
{
    /// <summary>Every family on, default severities, no registry allow-list.</summary>
    public static CheckOptions Default { get; } = new();

    /// <summary>The families that run (all by default).</summary>
    public ImmutableHashSet<CheckFamily> Families { get; init; } = [.. CheckFamilies.All];

    /// <summary>
    /// Registries (or registry/repository prefixes) images may come from. Empty: the
    /// <c>image-registry-not-allowed</c> check does not run.
    /// </summary>
    public ImmutableArray<string> AllowedRegistries { get; init; } = [];

    /// <summary>Projected service-account tokens valid longer than this are reported (default 24 hours).</summary>
    public long MaxProjectedTokenSeconds { get; init; } = 24 * 60 * 60;

    /// <summary>The severity of each check.</summary>
    public SeverityTable Severities { get; init; } = SeverityTable.Default;

    /// <summary>The TEE runtime class list: the built-in one, extended from configuration (<c>--tee-classes</c>).</summary>
    public Tee.TeeClassList TeeClasses { get; init; } = Tee.TeeClassList.BuiltIn;
}

/// <summary>The inventory and options a check evaluates.</summary>
/// <param name="Inventory">Everything that was read.</param>
/// <param name="Options">The options of this run.</param>
public sealed record CheckContext(Inventory Inventory, CheckOptions Options);
