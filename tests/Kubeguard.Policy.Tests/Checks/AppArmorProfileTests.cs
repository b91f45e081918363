using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class AppArmorProfileTests
{
    private const string P = "container.apparmor.security.beta.kubernetes.io/";

    private static V1SecurityContext Profile(string? type) => new() { AppArmorProfile = new V1AppArmorProfile { Type = type } };

    private static V1PodSpec PodProfile(string? type, params V1Container[] containers)
    {
        var spec = Spec(containers);
        spec.SecurityContext = new V1PodSecurityContext { AppArmorProfile = new V1AppArmorProfile { Type = type } };
        return spec;
    }

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no profiles and no annotations", "v1.0", Spec(C("a"))),
        CheckCase.Allowed("pod RuntimeDefault", "v1.0", PodProfile("RuntimeDefault", C("a"))),
        CheckCase.Allowed("container Localhost", "v1.0", Spec(C("a", Profile("Localhost")))),
        CheckCase.Allowed("security context without a profile", "v1.0", Spec(C("a", new V1SecurityContext()))),
        new("pod Unconfined", "v1.0", PodProfile("Unconfined", C("a")),
            "forbidden AppArmor profile", "pod must not set AppArmor profile type to \"Unconfined\""),
        new("init and regular containers Unconfined share one value", "v1.0",
            Spec([C("init", Profile("Unconfined"))], [C("app", Profile("Unconfined"))]),
            "forbidden AppArmor profile", "containers \"init\", \"app\" must not set AppArmor profile type to \"Unconfined\""),
        new("empty type is a bad value; values sorted ordinally", "v1.0", PodProfile("Unconfined", C("app", Profile(""))),
            "forbidden AppArmor profiles", "pod and container \"app\" must not set AppArmor profile type to \"\", \"Unconfined\""),
        new("ordinal order puts upper case first", "v1.0", Spec(C("a", Profile("unconfined")), C("b", Profile("Zed"))),
            "forbidden AppArmor profiles", "containers \"a\", \"b\" must not set AppArmor profile type to \"Zed\", \"unconfined\""),
        new("ephemeral containers count", "v1.0", Spec([], [C("a")], [E("debug", Profile("Unconfined"))]),
            "forbidden AppArmor profile", "container \"debug\" must not set AppArmor profile type to \"Unconfined\""),
        CheckCase.Allowed("allowed annotations", "v1.0", Spec(C("a")),
            Annotated((P + "a", ""), (P + "b", "runtime/default"), (P + "c", "localhost/"), (P + "d", "localhost/foo"), ("other/x", "unconfined"))),
        new("forbidden annotations, sorted, GoQuoted inside Q", "v1.0", Spec(C("a")),
            "forbidden AppArmor profiles",
            "annotations must not set AppArmor profile type to \"" + P + "=\"bogus\"\", \"" + P + "e=\"unconfined\"\", \"" + P + "f=\"unknown\"\"",
            Annotated((P + "f", "unknown"), (P + "a", ""), (P + "e", "unconfined"), (P, "bogus"), (P + "d", "localhost/foo"))),
        new("one forbidden annotation is singular", "v1.0", Spec(C("a")),
            "forbidden AppArmor profile", "annotation must not set AppArmor profile type to \"" + P + "a=\"unconfined\"\"",
            Annotated((P + "a", "unconfined"))),
        new("annotation values are GoQuoted: control and invisible characters escaped, letters kept", "v1.0", Spec(C("a")),
            "forbidden AppArmor profile", "annotation must not set AppArmor profile type to \"" + P + "a=\"tab\\there\\nnbsp\\u00a0é\\x01\"\"",
            Annotated((P + "a", "tab\there\nnbsp\u00a0é\u0001"))),
        new("pod, containers and annotations together; types first, then annotations", "v1.0",
            PodProfile("Unconfined", C("a", Profile("Bogus"))),
            "forbidden AppArmor profiles",
            "pod and container \"a\" and annotation must not set AppArmor profile type to \"Bogus\", \"Unconfined\", \"" + P + "a=\"unconfined\"\"",
            Annotated((P + "a", "unconfined"))),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(AppArmorProfile.Definition);
}
