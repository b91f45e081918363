using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class ProcMountTests
{
    private const string Reason = "procMount";

    internal static V1SecurityContext Proc(string? value) => new() { ProcMount = value };

    internal static V1PodSpec Users(bool? hostUsers, params V1Container[] containers)
    {
        var spec = Spec(containers);
        spec.HostUsers = hostUsers;
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("null and Default", "v1.0", Spec(C("a"), C("b", Proc(null)), C("c", Proc("Default")))),
        new("Unmasked", "v1.0", Spec(C("a", Proc("Unmasked"))), Reason, "container \"a\" must not set securityContext.procMount to \"Unmasked\""),
        new("empty and unknown values are bad; values sorted", "v1.0",
            Spec([C("i", Proc("foo"))], [C("a", Proc("")), C("b", Proc("Unmasked")), C("c", Proc("Unmasked"))], [E("d", Proc("default"))]),
            Reason, "containers \"i\", \"a\", \"b\", \"c\", \"d\" must not set securityContext.procMount to \"\", \"Unmasked\", \"default\", \"foo\""),
        new("hostUsers false does not relax before v1.35", "v1.34", Users(false, C("a", Proc("Unmasked"))),
            Reason, "container \"a\" must not set securityContext.procMount to \"Unmasked\""),
        CheckCase.Allowed("hostUsers false relaxes from v1.35", "v1.35", Users(false, C("a", Proc("Unmasked")))),
        new("hostUsers true does not relax", "v1.35", Users(true, C("a", Proc("Unmasked"))),
            Reason, "container \"a\" must not set securityContext.procMount to \"Unmasked\""),
        new("hostUsers absent does not relax", "latest", Users(null, C("a", Proc("Unmasked"))),
            Reason, "container \"a\" must not set securityContext.procMount to \"Unmasked\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(ProcMount.Definition);
}
