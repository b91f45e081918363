using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="AllowPrivilegeEscalation"/>: the minimal valid pod plus one change.</summary>
internal static class AllowPrivilegeEscalationFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(AllowPrivilegeEscalation.Id, V(8), None, _ =>
        [
            p => Context(Init(p)).AllowPrivilegeEscalation = null,
            p => Context(Regular(p)).AllowPrivilegeEscalation = true,
            p => Regular(p).SecurityContext = null,
            p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }],
        ]),
        new(AllowPrivilegeEscalation.Id, V(25), c => c.Level == Level.Restricted ? [MakeWindows] : [], _ =>
        [
            p => Context(Init(p)).AllowPrivilegeEscalation = null,
            p => Context(Regular(p)).AllowPrivilegeEscalation = true,
            p => { p.Spec.Os = new V1PodOS { Name = "linux" }; Regular(p).SecurityContext = null; },
            p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }],
        ]),
    ];
}
