using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class HostPortsTests
{
    private const string Reason = "hostPort";

    private static V1Container Ports(string name, params int?[] hostPorts)
    {
        var container = C(name);
        container.Ports = [.. hostPorts.Select(p => new V1ContainerPort { ContainerPort = 8080, HostPort = p })];
        return container;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no ports", "v1.0", Spec(C("a"))),
        CheckCase.Allowed("hostPort absent or zero", "v1.0", Spec(Ports("a", null, 0))),
        new("one container one port", "v1.0", Spec(Ports("a", 8080)), Reason, "container \"a\" uses hostPort 8080"),
        new("one container two ports", "v1.0", Spec(Ports("a", 20, 10)), Reason, "container \"a\" uses hostPorts 10, 20"),
        new("two containers one distinct port", "v1.0", Spec(Ports("a", 80), Ports("b", 80)), Reason, "containers \"a\", \"b\" use hostPort 80"),
        new("ports sorted as text", "v1.0", Spec(Ports("a", 80, 8080), Ports("b", 9, 443, 80), Ports("c", 0)),
            Reason, "containers \"a\", \"b\" use hostPorts 443, 80, 8080, 9"),
        new("init and ephemeral containers count", "v1.0",
            Spec([Ports("init", 10)], [C("a")], [new V1EphemeralContainer { Name = "debug", Ports = [new V1ContainerPort { ContainerPort = 1, HostPort = 30 }] }]),
            Reason, "containers \"init\", \"debug\" use hostPorts 10, 30"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(HostPorts.Definition);
}
