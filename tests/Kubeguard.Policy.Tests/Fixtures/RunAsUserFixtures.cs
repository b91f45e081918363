using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="RunAsUser"/>: the minimal valid pod plus one change.</summary>
internal static class RunAsUserFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(RunAsUser.Id, V(23), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsUser = 1000; Context(Regular(p)).RunAsUser = 1001; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsUser = 0,
            p => Context(Regular(p)).RunAsUser = 0,
            p => Context(Init(p)).RunAsUser = 0,
        ]),
        new(RunAsUser.Id, V(35), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsUser = 1000; Context(Regular(p)).RunAsUser = 1001; },
            p => { p.Spec.HostUsers = false; p.Spec.SecurityContext.RunAsUser = 0; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsUser = 0,
            p => { p.Spec.HostUsers = true; Context(Regular(p)).RunAsUser = 0; },
            p => Context(Init(p)).RunAsUser = 0,
        ]),
    ];
}
