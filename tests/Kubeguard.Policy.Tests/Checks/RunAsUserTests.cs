using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class RunAsUserTests
{
    private const string Reason = "runAsUser=0";

    private static V1SecurityContext User(long? uid) => new() { RunAsUser = uid };

    private static V1PodSpec Pod(long? uid, V1PodSpec spec, bool? hostUsers = null)
    {
        spec.SecurityContext = new V1PodSecurityContext { RunAsUser = uid };
        spec.HostUsers = hostUsers;
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("nothing set", "v1.23", Spec(C("a"))),
        CheckCase.Allowed("non-zero, even negative", "v1.23", Pod(1000, Spec(C("a", User(-1)), C("b", User(1))))),
        new("pod 0", "v1.23", Pod(0, Spec(C("a"))), Reason, "pod must not set runAsUser=0"),
        new("containers 0", "v1.23", Spec([C("i", User(0))], [C("a", User(0)), C("b", User(5))]), Reason, "containers \"i\", \"a\" must not set runAsUser=0"),
        new("pod and container 0", "v1.23", Pod(0, Spec(C("a", User(0)))), Reason, "pod and container \"a\" must not set runAsUser=0"),
        new("ephemeral containers count", "v1.23", Spec([], [C("a")], [E("debug", User(0))]), Reason, "container \"debug\" must not set runAsUser=0"),
        new("hostUsers false does not relax before v1.35", "v1.34", Pod(0, Spec(C("a")), hostUsers: false), Reason, "pod must not set runAsUser=0"),
        CheckCase.Allowed("hostUsers false relaxes from v1.35", "v1.35", Pod(0, Spec(C("a", User(0))), hostUsers: false)),
        new("hostUsers true does not relax", "latest", Pod(0, Spec(C("a")), hostUsers: true), Reason, "pod must not set runAsUser=0"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(RunAsUser.Definition);
}
