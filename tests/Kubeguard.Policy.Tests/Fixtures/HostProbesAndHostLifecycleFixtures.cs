using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="HostProbesAndHostLifecycle"/>: the minimal valid pod plus one change.</summary>
internal static class HostProbesAndHostLifecycleFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(HostProbesAndHostLifecycle.Id, V(34), _ =>
        [
            p => Regular(p).LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080 } },
            p => Regular(p).ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080, Host = string.Empty } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = 1 } } },
        ], _ =>
        [
            p => Regular(p).LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080, Host = "example.com" } },
            p => Regular(p).ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080, Host = "127.0.0.1" } },
            p => Init(p).StartupProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080, Host = "::1" } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { HttpGet = new V1HTTPGetAction { Port = 80, Host = "localhost" } } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { TcpSocket = new V1TCPSocketAction { Port = 80, Host = "10.0.0.1" } } },
        ]),
    ];
}
