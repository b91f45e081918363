using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="ProcMountRestricted"/>: the minimal valid pod plus one change.</summary>
internal static class ProcMountRestrictedFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(ProcMountRestricted.Id, V(35), _ =>
        [
            p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Default"; },
        ], _ =>
        [
            p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Unmasked"; },
            p => Context(Init(p)).ProcMount = "Unmasked",
        ]),
    ];
}
