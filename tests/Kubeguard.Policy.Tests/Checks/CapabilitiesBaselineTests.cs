using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class CapabilitiesBaselineTests
{
    private const string Reason = "non-default capabilities";

    private static V1SecurityContext Caps(IList<string>? add, IList<string>? drop = null) =>
        new() { Capabilities = new V1Capabilities { Add = add, Drop = drop } };

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no security context, no capabilities, no add list", "v1.0",
            Spec(C("a"), C("b", new V1SecurityContext()), C("c", Caps(null, ["ALL"])))),
        CheckCase.Allowed("empty add list", "v1.0", Spec(C("a", Caps([])))),
        CheckCase.Allowed("every default capability", "v1.0", Spec(C("a", Caps([.. CapabilitiesBaseline.Allowed])))),
        new("containers listed in order, capabilities as a sorted set", "v1.0",
            Spec(C("a", Caps(["SYS_ADMIN", "CHOWN", "NET_RAW"])), C("b", Caps(["NET_RAW"])), C("c", Caps(["CHOWN"]))),
            Reason, "containers \"a\", \"b\" must not include \"NET_RAW\", \"SYS_ADMIN\" in securityContext.capabilities.add"),
        new("matching is exact and case-sensitive", "v1.0", Spec(C("a", Caps(["chown", "CAP_CHOWN"]))),
            Reason, "container \"a\" must not include \"CAP_CHOWN\", \"chown\" in securityContext.capabilities.add"),
        new("ordinal order: upper case, underscore, lower case", "v1.0", Spec(C("a", Caps(["b", "_", "B"]))),
            Reason, "container \"a\" must not include \"B\", \"_\", \"b\" in securityContext.capabilities.add"),
        new("drop is ignored", "v1.0", Spec(C("a", Caps(["SYS_ADMIN"], ["ALL"]))),
            Reason, "container \"a\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add"),
        new("init and ephemeral containers count", "v1.0",
            Spec([C("init", Caps(["NET_ADMIN"]))], [C("a")], [E("debug", Caps(["SYS_PTRACE"]))]),
            Reason, "containers \"init\", \"debug\" must not include \"NET_ADMIN\", \"SYS_PTRACE\" in securityContext.capabilities.add"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(CapabilitiesBaseline.Definition);
}
