using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class SeLinuxOptionsTests
{
    private const string Reason = "seLinuxOptions";

    private static V1SELinuxOptions Se(string? type = null, string? user = null, string? role = null, string? level = null) =>
        new() { Type = type, User = user, Role = role, Level = level };

    private static V1SecurityContext Ctx(V1SELinuxOptions options) => new() { SeLinuxOptions = options };

    private static V1PodSpec Pod(V1SELinuxOptions? options, params V1Container[] containers)
    {
        var spec = Spec(containers);
        spec.SecurityContext = new V1PodSecurityContext { SeLinuxOptions = options };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no options", "v1.0", Pod(null, C("a"))),
        CheckCase.Allowed("allowed types, empty user and role, any level", "v1.0",
            Pod(Se("container_t", "", "", "s0:c1"), C("a", Ctx(Se())), C("b", Ctx(Se("container_init_t"))), C("c", Ctx(Se("container_kvm_t"))))),
        new("bad pod and containers together", "v1.0",
            Pod(Se("foo"), C("e", Ctx(Se("bar"))), C("f", Ctx(Se(user: "u"))), C("g", Ctx(Se(role: "r")))),
            Reason, "pod and containers \"e\", \"f\", \"g\" set forbidden securityContext.seLinuxOptions: types \"bar\", \"foo\"; user may not be set; role may not be set"),
        new("pod type only", "v1.0", Pod(Se("foo"), C("a")), Reason, "pod set forbidden securityContext.seLinuxOptions: type \"foo\""),
        new("containers type only", "v1.0", Pod(null, C("a", Ctx(Se("foo"))), C("b", Ctx(Se("foo")))),
            Reason, "containers \"a\", \"b\" set forbidden securityContext.seLinuxOptions: type \"foo\""),
        new("user only", "v1.0", Pod(null, C("a", Ctx(Se(user: "root")))), Reason, "container \"a\" set forbidden securityContext.seLinuxOptions: user may not be set"),
        new("role only", "v1.0", Pod(Se(role: "sysadm_r"), C("a")), Reason, "pod set forbidden securityContext.seLinuxOptions: role may not be set"),
        new("container_engine_t before v1.31", "v1.30", Pod(null, C("a", Ctx(Se("container_engine_t")))),
            Reason, "container \"a\" set forbidden securityContext.seLinuxOptions: type \"container_engine_t\""),
        CheckCase.Allowed("container_engine_t from v1.31", "v1.31", Pod(null, C("a", Ctx(Se("container_engine_t"))))),
        new("ephemeral containers count", "latest", Spec([], [C("a")], [E("debug", Ctx(Se("spc_t")))]),
            Reason, "container \"debug\" set forbidden securityContext.seLinuxOptions: type \"spc_t\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(SeLinuxOptions.Definition);
}
