using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class AllowPrivilegeEscalationTests
{
    private const string Reason = "allowPrivilegeEscalation != false";

    private static V1SecurityContext Ape(bool? value) => new() { AllowPrivilegeEscalation = value };

    private static V1PodSpec Windows(V1PodSpec spec, string os = "windows")
    {
        spec.Os = new V1PodOS { Name = os };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        new("null context, null field and true are bad; false is fine; init first", "v1.8",
            Spec([C("init", null)], [C("a", Ape(null)), C("b", Ape(true)), C("c", Ape(false))]),
            Reason, "containers \"init\", \"a\", \"b\" must set securityContext.allowPrivilegeEscalation=false"),
        new("one container is singular", "v1.8", Spec(C("a", new V1SecurityContext())),
            Reason, "container \"a\" must set securityContext.allowPrivilegeEscalation=false"),
        CheckCase.Allowed("every container false", "v1.8", Spec([C("i", Ape(false))], [C("a", Ape(false))])),
        CheckCase.Allowed("no containers at all", "v1.8", new V1PodSpec()),
        new("ephemeral containers count", "latest",
            Spec([], [C("a", Ape(false))], [E("debug")]),
            Reason, "container \"debug\" must set securityContext.allowPrivilegeEscalation=false"),
        new("windows pod is not exempt before v1.25", "v1.24", Windows(Spec(C("a"))),
            Reason, "container \"a\" must set securityContext.allowPrivilegeEscalation=false"),
        CheckCase.Allowed("windows pod is exempt from v1.25", "v1.25", Windows(Spec(C("a", Ape(true))))),
        CheckCase.Allowed("windows pod is exempt at latest", "latest", Windows(Spec(C("a")))),
        new("linux pod is not exempt at v1.25", "v1.25", Windows(Spec(C("a")), "linux"),
            Reason, "container \"a\" must set securityContext.allowPrivilegeEscalation=false"),
        new("os name match is exact (Windows is not windows)", "v1.25", Windows(Spec(C("a")), "Windows"),
            Reason, "container \"a\" must set securityContext.allowPrivilegeEscalation=false"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(AllowPrivilegeEscalation.Definition);
}
