using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Checks.SeccompProfileBaselineTests;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class SeccompProfileRestrictedTests
{
    private const string Reason = "seccompProfile";
    private const string Must = "must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"";

    public static TheoryData<CheckCase> Cases => new()
    {
        new("nothing set", "v1.19", Spec(C("a"), C("b")), Reason, "pod or containers \"a\", \"b\" " + Must),
        CheckCase.Allowed("pod RuntimeDefault covers containers", "v1.19", Pod("RuntimeDefault", Spec(C("a"), C("b")))),
        CheckCase.Allowed("pod Localhost covers containers", "v1.19", Pod("Localhost", Spec(C("a")))),
        CheckCase.Allowed("pod nil, every container set", "v1.19", Spec(C("a", Profile("RuntimeDefault")), C("b", Profile("Localhost")))),
        new("pod nil, one container falls through", "v1.19", Spec(C("a", Profile("Localhost")), C("b", new V1SecurityContext())),
            Reason, "pod or container \"b\" " + Must),
        new("pod Unconfined: explicit message only", "v1.19", Pod("Unconfined", Spec(C("a"))),
            Reason, "pod must not set securityContext.seccompProfile.type to \"Unconfined\""),
        new("container Unconfined under a good pod", "v1.19", Pod("RuntimeDefault", Spec(C("a", Profile("Unconfined")), C("b")))
            , Reason, "container \"a\" must not set securityContext.seccompProfile.type to \"Unconfined\""),
        new("explicit beats implicit: containers lacking the field are not named", "v1.19", Spec(C("a", Profile("Unconfined")), C("b")),
            Reason, "container \"a\" must not set securityContext.seccompProfile.type to \"Unconfined\""),
        new("empty type is a bad value", "v1.19", Pod("", Spec(C("a", Profile("")))),
            Reason, "pod and container \"a\" must not set securityContext.seccompProfile.type to \"\""),
        new("ephemeral containers count", "v1.19", Spec([C("i", Profile("RuntimeDefault"))], [C("a", Profile("RuntimeDefault"))], [E("debug")]),
            Reason, "pod or container \"debug\" " + Must),
        new("windows pod is not exempt before v1.25", "v1.24", Pod(null, Spec(C("a")), os: "windows"), Reason, "pod or container \"a\" " + Must),
        CheckCase.Allowed("windows pod is exempt from v1.25", "v1.25", Pod("Unconfined", Spec(C("a")), os: "windows")),
        new("linux pod is not exempt", "latest", Pod(null, Spec(C("a")), os: "linux"), Reason, "pod or container \"a\" " + Must),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(SeccompProfileRestricted.Definition);
}
