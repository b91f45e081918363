using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class SeccompProfileBaselineTests
{
    private const string Reason = "seccompProfile";
    private const string PodKey = "seccomp.security.alpha.kubernetes.io/pod";
    private const string ContainerKey = "container.seccomp.security.alpha.kubernetes.io/";

    internal static V1SecurityContext Profile(string? type) => new() { SeccompProfile = new V1SeccompProfile { Type = type } };

    internal static V1PodSpec Pod(string? type, V1PodSpec spec, string? os = null)
    {
        spec.SecurityContext = type is null ? null : new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = type } };
        spec.Os = os is null ? null : new V1PodOS { Name = os };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        // v1.0–v1.18: annotations only
        CheckCase.Allowed("no annotations", "v1.0", Spec(C("a"))),
        CheckCase.Allowed("allowed annotation values", "v1.0", Spec(C("a"), C("b"), C("c")),
            Annotated((PodKey, "runtime/default"), (ContainerKey + "a", "docker/default"), (ContainerKey + "b", "localhost/x"), (ContainerKey + "c", "localhost/"))),
        CheckCase.Allowed("fields are ignored before v1.19", "v1.18", Pod("Unconfined", Spec(C("a", Profile("Unconfined"))))),
        CheckCase.Allowed("keys of containers that do not exist are ignored", "v1.0", Spec(C("a")), Annotated((ContainerKey + "ghost", "unconfined"))),
        new("pod annotation", "v1.0", Spec(C("a")), Reason, "forbidden annotation " + PodKey + "=\"unconfined\"", Annotated((PodKey, "unconfined"))),
        new("empty value is forbidden", "v1.0", Spec(C("a")), Reason, "forbidden annotation " + ContainerKey + "a=\"\"", Annotated((ContainerKey + "a", ""))),
        new("pod and containers, entries sorted, init and ephemeral keys count", "v1.18", Spec([C("init")], [C("b"), C("a")], [E("debug")]),
            Reason, "forbidden annotations " + ContainerKey + "a=\"unconfined\", " + ContainerKey + "debug=\"x\", " + ContainerKey + "init=\"y\", " + PodKey + "=\"unconfined\"",
            Annotated((PodKey, "unconfined"), (ContainerKey + "init", "y"), (ContainerKey + "a", "unconfined"), (ContainerKey + "debug", "x"), (ContainerKey + "b", "runtime/default"))),
        new("values are GoQuoted", "v1.0", Spec(C("a")), Reason, "forbidden annotation " + PodKey + "=\"zero\\u200bwidth \\\"q\\\"\"", Annotated((PodKey, "zero\u200bwidth \"q\""))),

        // v1.19+: fields only
        CheckCase.Allowed("annotations are ignored from v1.19", "v1.19", Spec(C("a")), Annotated((PodKey, "unconfined"))),
        CheckCase.Allowed("absent, RuntimeDefault and Localhost", "v1.19", Pod("RuntimeDefault", Spec(C("a"), C("b", Profile("Localhost")), C("c", new V1SecurityContext())))),
        new("pod Unconfined", "v1.19", Pod("Unconfined", Spec(C("a"))), Reason, "pod must not set securityContext.seccompProfile.type to \"Unconfined\""),
        new("containers", "v1.19", Spec([C("i", Profile("Unconfined"))], [C("a", Profile(""))]),
            Reason, "containers \"i\", \"a\" must not set securityContext.seccompProfile.type to \"\", \"Unconfined\""),
        new("pod and containers", "latest", Pod("unknown", Spec(C("a", Profile("Unconfined")), C("b", Profile("Unconfined")))),
            Reason, "pod and containers \"a\", \"b\" must not set securityContext.seccompProfile.type to \"Unconfined\", \"unknown\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(SeccompProfileBaseline.Definition);
}
