using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class HostProbesAndHostLifecycleTests
{
    private const string Reason = "probe or lifecycle host";

    private static V1Probe HttpProbe(string? host) => new() { HttpGet = new V1HTTPGetAction { Host = host, Port = 80 } };

    private static V1Probe TcpProbe(string? host) => new() { TcpSocket = new V1TCPSocketAction { Host = host, Port = 80 } };

    private static V1Container With(string name, Action<V1Container> change)
    {
        var container = C(name);
        change(container);
        return container;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no probes", "v1.34", Spec(C("a"))),
        CheckCase.Allowed("probes without host, or an empty host", "v1.34",
            Spec(With("a", c => { c.LivenessProbe = HttpProbe(null); c.ReadinessProbe = TcpProbe(""); }))),
        CheckCase.Allowed("grpc and exec handlers are not inspected", "v1.34",
            Spec(With("a", c => { c.LivenessProbe = new V1Probe { Grpc = new V1GRPCAction { Port = 1 } }; c.StartupProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } }; }))),
        new("liveness httpGet host", "v1.34", Spec(With("a", c => c.LivenessProbe = HttpProbe("example.com"))),
            Reason, "container \"a\" uses probe or lifecycle host \"example.com\""),
        new("readiness tcpSocket host", "v1.34", Spec(With("a", c => c.ReadinessProbe = TcpProbe("10.0.0.1"))),
            Reason, "container \"a\" uses probe or lifecycle host \"10.0.0.1\""),
        new("startup probe of an init container", "v1.34", Spec([With("init", c => c.StartupProbe = HttpProbe("localhost"))], [C("a")]),
            Reason, "container \"init\" uses probe or lifecycle host \"localhost\""),
        new("postStart tcpSocket and preStop httpGet", "v1.34",
            Spec(With("a", c => c.Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { TcpSocket = new V1TCPSocketAction { Host = "::1", Port = 1 } }, PreStop = new V1LifecycleHandler { HttpGet = new V1HTTPGetAction { Host = "127.0.0.1", Port = 1 } } })),
            Reason, "container \"a\" uses probe or lifecycle hosts \"127.0.0.1\", \"::1\""),
        new("container names and hosts sorted, not in visiting order", "latest",
            Spec([], [With("b", c => c.LivenessProbe = HttpProbe("localhost")), With("a", c => { c.ReadinessProbe = TcpProbe("127.0.0.1"); c.StartupProbe = HttpProbe("::1"); })], [new V1EphemeralContainer { Name = "Z", ReadinessProbe = HttpProbe("localhost") }]),
            Reason, "containers \"Z\", \"a\", \"b\" use probe or lifecycle hosts \"127.0.0.1\", \"::1\", \"localhost\""),
        new("duplicate container names and hosts collapse", "v1.34",
            Spec(With("same", c => c.LivenessProbe = HttpProbe("h")), With("same", c => c.ReadinessProbe = HttpProbe("h"))),
            Reason, "container \"same\" uses probe or lifecycle host \"h\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(HostProbesAndHostLifecycle.Definition);

    [Fact]
    public void Is_not_active_before_v1_34() =>
        Assert.Equal(PolicyVersion.Of(1, 34), HostProbesAndHostLifecycle.Definition.Versions[0].MinimumVersion);
}
