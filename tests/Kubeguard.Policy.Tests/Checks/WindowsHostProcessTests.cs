using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class WindowsHostProcessTests
{
    private const string Reason = "hostProcess";

    private static V1SecurityContext Host(bool? value) => new() { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = value } };

    private static V1PodSpec Pod(bool? value, V1PodSpec spec)
    {
        spec.SecurityContext = new V1PodSecurityContext { WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = value } };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("null and false", "v1.0", Pod(false, Spec(C("a", Host(null)), C("b", Host(false)), C("c")))),
        new("pod only", "v1.0", Pod(true, Spec(C("a"))), Reason, "pod must not set securityContext.windowsOptions.hostProcess=true"),
        new("containers only", "v1.0", Spec([C("i", Host(true))], [C("a", Host(true))], [E("debug", Host(true))]),
            Reason, "containers \"i\", \"a\", \"debug\" must not set securityContext.windowsOptions.hostProcess=true"),
        new("pod and containers", "latest", Pod(true, Spec(C("a", Host(true)), C("b", Host(true)))),
            Reason, "pod and containers \"a\", \"b\" must not set securityContext.windowsOptions.hostProcess=true"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(WindowsHostProcess.Definition);
}
