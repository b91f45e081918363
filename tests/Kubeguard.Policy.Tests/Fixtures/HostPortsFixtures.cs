using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="HostPorts"/>: the minimal valid pod plus one change.</summary>
internal static class HostPortsFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(HostPorts.Id, V(0), _ =>
        [
            p => Regular(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 0 }],
        ], _ =>
        [
            p => Regular(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 80 }],
            p => Init(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080 }],
            p =>
            {
                Init(p).Ports = [new V1ContainerPort { ContainerPort = 1, HostPort = 9 }];
                Regular(p).Ports = [new V1ContainerPort { ContainerPort = 1, HostPort = 443 }, new V1ContainerPort { ContainerPort = 2, HostPort = 80 }];
            },
        ]),
    ];
}
