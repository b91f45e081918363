using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class RunAsNonRootTests
{
    private const string Reason = "runAsNonRoot != true";

    private static V1SecurityContext NonRoot(bool? value) => new() { RunAsNonRoot = value };

    private static V1PodSpec Pod(bool? pod, V1PodSpec spec, bool? hostUsers = null, string? os = null)
    {
        spec.SecurityContext = new V1PodSecurityContext { RunAsNonRoot = pod };
        spec.HostUsers = hostUsers;
        spec.Os = os is null ? null : new V1PodOS { Name = os };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        new("nothing set", "v1.0", Spec(C("a"), C("b")), Reason, "pod or containers \"a\", \"b\" must set securityContext.runAsNonRoot=true"),
        new("empty pod security context is nothing set", "v1.0", Pod(null, Spec(C("a"))), Reason, "pod or container \"a\" must set securityContext.runAsNonRoot=true"),
        new("pod false", "v1.0", Pod(false, Spec(C("a"), C("b", NonRoot(true)))), Reason, "pod must not set securityContext.runAsNonRoot=false"),
        new("containers false; explicit beats implicit", "v1.0", Spec(C("a", NonRoot(false)), C("b"), C("c", NonRoot(false))),
            Reason, "containers \"a\", \"c\" must not set securityContext.runAsNonRoot=false"),
        new("pod and container false", "v1.0", Pod(false, Spec(C("a", NonRoot(false)), C("b"))),
            Reason, "pod and container \"a\" must not set securityContext.runAsNonRoot=false"),
        new("pod true does not cover an explicit false", "v1.0", Pod(true, Spec(C("a", NonRoot(false)), C("b"))),
            Reason, "container \"a\" must not set securityContext.runAsNonRoot=false"),
        CheckCase.Allowed("pod true covers containers", "v1.0", Pod(true, Spec(C("a"), C("b", NonRoot(true))))),
        CheckCase.Allowed("pod nil, every container true", "v1.0", Spec(C("a", NonRoot(true)), C("b", NonRoot(true)))),
        new("pod nil, one container falls through", "v1.0", Spec(C("a", NonRoot(true)), C("b", new V1SecurityContext())),
            Reason, "pod or container \"b\" must set securityContext.runAsNonRoot=true"),
        new("ephemeral containers count", "v1.0", Spec([C("i", NonRoot(true))], [C("a", NonRoot(true))], [E("debug")]),
            Reason, "pod or container \"debug\" must set securityContext.runAsNonRoot=true"),
        new("hostUsers false does not relax before v1.35", "v1.34", Pod(false, Spec(C("a")), hostUsers: false),
            Reason, "pod must not set securityContext.runAsNonRoot=false"),
        CheckCase.Allowed("hostUsers false relaxes from v1.35", "v1.35", Pod(false, Spec(C("a")), hostUsers: false)),
        new("hostUsers true does not relax", "latest", Pod(null, Spec(C("a")), hostUsers: true),
            Reason, "pod or container \"a\" must set securityContext.runAsNonRoot=true"),
        new("no Windows exemption", "v1.25", Pod(null, Spec(C("a")), os: "windows"),
            Reason, "pod or container \"a\" must set securityContext.runAsNonRoot=true"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(RunAsNonRoot.Definition);
}
