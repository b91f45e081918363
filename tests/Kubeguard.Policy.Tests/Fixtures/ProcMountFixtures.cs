using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="ProcMount"/>: the minimal valid pod plus one change.</summary>
internal static class ProcMountFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(ProcMount.Id, V(0), _ =>
        [
            p => Context(Regular(p)).ProcMount = "Default",
        ], _ =>
        [
            p => Context(Regular(p)).ProcMount = "Unmasked",
            p => Context(Init(p)).ProcMount = "Unmasked",
            p => Context(Regular(p)).ProcMount = string.Empty,
        ]),
        new(ProcMount.Id, V(35), c => c.Level == Level.Baseline
            ? [p => Context(Regular(p)).ProcMount = "Default", p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Unmasked"; }]
            : [p => Context(Regular(p)).ProcMount = "Default"], _ =>
        [
            p => Context(Regular(p)).ProcMount = "Unmasked",
            p => { p.Spec.HostUsers = true; Context(Init(p)).ProcMount = "Unmasked"; },
            p => Context(Regular(p)).ProcMount = string.Empty,
        ]),
    ];
}
