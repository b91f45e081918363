using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="RunAsNonRoot"/>: the minimal valid pod plus one change.</summary>
internal static class RunAsNonRootFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(RunAsNonRoot.Id, V(0), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; foreach (var c in Containers(p)) { Context(c).RunAsNonRoot = true; } },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsNonRoot = null,
            p => p.Spec.SecurityContext.RunAsNonRoot = false,
            p => Context(Regular(p)).RunAsNonRoot = false,
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; Context(Init(p)).RunAsNonRoot = true; },
        ]),
        new(RunAsNonRoot.Id, V(35), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; foreach (var c in Containers(p)) { Context(c).RunAsNonRoot = true; } },
            p => { p.Spec.HostUsers = false; p.Spec.SecurityContext.RunAsNonRoot = false; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsNonRoot = null,
            p => { p.Spec.HostUsers = true; p.Spec.SecurityContext.RunAsNonRoot = false; },
            p => Context(Regular(p)).RunAsNonRoot = false,
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; Context(Init(p)).RunAsNonRoot = true; },
        ]),
    ];
}
