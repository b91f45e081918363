using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="CapabilitiesBaseline"/>: the minimal valid pod plus one change.</summary>
internal static class CapabilitiesBaselineFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(CapabilitiesBaseline.Id, V(0), c => c.Level == Level.Baseline || c.Version < V(22)
            ? [p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = [.. CapabilitiesBaseline.Allowed.Order(StringComparer.Ordinal)] }]
            : [], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["SYS_ADMIN"] },
            p => Context(Init(p)).Capabilities = new V1Capabilities { Add = ["NET_RAW", "NET_ADMIN"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["chown"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["CAP_CHOWN"] },
        ]),
    ];
}
