using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="SeccompProfileRestricted"/>: the minimal valid pod plus one change.</summary>
internal static class SeccompProfileRestrictedFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(SeccompProfileRestricted.Id, V(19), SeccompRestrictedPasses, SeccompRestrictedFailures),
        new(SeccompProfileRestricted.Id, V(25), c => [.. SeccompRestrictedPasses(c), MakeWindows], SeccompRestrictedFailures),
    ];

    private static IEnumerable<Action<V1Pod>> SeccompRestrictedPasses(FixtureContext context) =>
    [
        p => { p.Spec.SecurityContext.SeccompProfile = null; foreach (var c in Containers(p)) { Context(c).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }; } },
        p => p.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = "testing" },
    ];

    private static IEnumerable<Action<V1Pod>> SeccompRestrictedFailures(FixtureContext context) =>
    [
        p => p.Spec.SecurityContext.SeccompProfile = null,
        p => p.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
        p => Context(Regular(p)).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
        p => { p.Spec.SecurityContext.SeccompProfile = null; Context(Init(p)).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }; },
    ];
}
