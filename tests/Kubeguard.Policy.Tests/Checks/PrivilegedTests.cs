using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class PrivilegedTests
{
    private const string Reason = "privileged";

    private static V1SecurityContext Priv(bool? value) => new() { Privileged = value };

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("null and false", "v1.0", Spec(C("a"), C("b", Priv(null)), C("c", Priv(false)))),
        new("one container", "v1.0", Spec(C("a", Priv(true)), C("b", Priv(false))), Reason, "container \"a\" must not set securityContext.privileged=true"),
        new("init, regular and ephemeral in visiting order", "latest",
            Spec([C("z", Priv(true))], [C("a", Priv(null)), C("b", Priv(true))], [E("debug", Priv(true))]),
            Reason, "containers \"z\", \"b\", \"debug\" must not set securityContext.privileged=true"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(Privileged.Definition);
}
