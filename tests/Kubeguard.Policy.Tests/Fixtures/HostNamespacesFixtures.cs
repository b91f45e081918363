using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="HostNamespaces"/>: the minimal valid pod plus one change.</summary>
internal static class HostNamespacesFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(HostNamespaces.Id, V(0), _ =>
        [
            p => { p.Spec.HostNetwork = false; p.Spec.HostPID = false; p.Spec.HostIPC = false; },
        ], _ =>
        [
            p => p.Spec.HostNetwork = true,
            p => p.Spec.HostPID = true,
            p => p.Spec.HostIPC = true,
        ]),
    ];
}
