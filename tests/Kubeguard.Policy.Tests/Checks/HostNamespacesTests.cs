using k8s.Models;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class HostNamespacesTests
{
    private const string Reason = "host namespaces";

    private static V1PodSpec Host(bool? network, bool? pid, bool? ipc) =>
        new() { HostNetwork = network, HostPID = pid, HostIPC = ipc, Containers = [Pods.C("a")] };

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("all absent", "v1.0", Host(null, null, null)),
        CheckCase.Allowed("all false", "v1.0", Host(false, false, false)),
        new("all three in fixed order", "v1.0", Host(true, true, true), Reason, "hostNetwork=true, hostPID=true, hostIPC=true"),
        new("network only", "v1.0", Host(true, false, null), Reason, "hostNetwork=true"),
        new("pid only", "v1.0", Host(null, true, false), Reason, "hostPID=true"),
        new("ipc and network keep the fixed order", "latest", Host(true, null, true), Reason, "hostNetwork=true, hostIPC=true"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(HostNamespaces.Definition);
}
