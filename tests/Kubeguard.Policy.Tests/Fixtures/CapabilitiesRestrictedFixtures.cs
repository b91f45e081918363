using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="CapabilitiesRestricted"/>: the minimal valid pod plus one change.</summary>
internal static class CapabilitiesRestrictedFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(CapabilitiesRestricted.Id, V(22), _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_BIND_SERVICE"] },
        ], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = [] },
            p => Context(Init(p)).Capabilities = null,
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["CHOWN"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["all"] },
        ]),
        new(CapabilitiesRestricted.Id, V(25), _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_BIND_SERVICE"] },
            MakeWindows,
        ], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = [] },
            p => Context(Init(p)).Capabilities = null,
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["CHOWN"] },
            p => { p.Spec.Os = new V1PodOS { Name = "linux" }; Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["all"] }; },
        ]),
    ];
}
