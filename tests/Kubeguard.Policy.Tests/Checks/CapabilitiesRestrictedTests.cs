using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class CapabilitiesRestrictedTests
{
    private const string Reason = "unrestricted capabilities";

    private static V1SecurityContext Caps(IList<string>? drop, IList<string>? add = null) =>
        new() { Capabilities = new V1Capabilities { Drop = drop, Add = add } };

    private static V1PodSpec Os(string name, V1PodSpec spec)
    {
        spec.Os = new V1PodOS { Name = name };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("drop ALL", "v1.22", Spec(C("a", Caps(["ALL"])))),
        CheckCase.Allowed("drop ALL and add back NET_BIND_SERVICE", "v1.22", Spec(C("a", Caps(["ALL"], ["NET_BIND_SERVICE"])))),
        CheckCase.Allowed("drop ALL with an empty add list", "v1.22", Spec(C("a", Caps(["NET_RAW", "ALL"], [])))),
        new("missing drop and forbidden adds: two parts joined by a semicolon", "v1.22",
            Spec(C("a"), C("b", Caps(["ALL"], ["CHOWN"])), C("c", Caps(["NET_RAW"], ["NET_BIND_SERVICE", "FOO"]))),
            Reason, "containers \"a\", \"c\" must set securityContext.capabilities.drop=[\"ALL\"]; containers \"b\", \"c\" must not include \"CHOWN\", \"FOO\" in securityContext.capabilities.add"),
        new("security context without capabilities misses drop", "v1.22", Spec(C("a", new V1SecurityContext())),
            Reason, "container \"a\" must set securityContext.capabilities.drop=[\"ALL\"]"),
        new("null and empty drop lists, and lower-case all, miss drop", "v1.22",
            Spec(C("a", Caps(null)), C("b", Caps([])), C("c", Caps(["all"]))),
            Reason, "containers \"a\", \"b\", \"c\" must set securityContext.capabilities.drop=[\"ALL\"]"),
        new("even default capabilities may not be added", "v1.22", Spec(C("a", Caps(["ALL"], ["CHOWN", "AUDIT_WRITE", "CHOWN"]))),
            Reason, "container \"a\" must not include \"AUDIT_WRITE\", \"CHOWN\" in securityContext.capabilities.add"),
        new("ephemeral containers count", "v1.22", Spec([], [C("a", Caps(["ALL"]))], [E("debug")]),
            Reason, "container \"debug\" must set securityContext.capabilities.drop=[\"ALL\"]"),
        new("windows pod is not exempt before v1.25", "v1.24", Os("windows", Spec(C("a"))),
            Reason, "container \"a\" must set securityContext.capabilities.drop=[\"ALL\"]"),
        CheckCase.Allowed("windows pod is exempt from v1.25", "v1.25", Os("windows", Spec(C("a", Caps(null, ["SYS_ADMIN"]))))),
        new("linux pod is not exempt from v1.25", "latest", Os("linux", Spec(C("a"))),
            Reason, "container \"a\" must set securityContext.capabilities.drop=[\"ALL\"]"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(CapabilitiesRestricted.Definition);
}
