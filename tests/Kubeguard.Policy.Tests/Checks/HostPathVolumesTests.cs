using k8s.Models;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class HostPathVolumesTests
{
    private const string Reason = "hostPath volumes";

    private static V1Volume HostPath(string name) => new() { Name = name, HostPath = new V1HostPathVolumeSource { Path = "/" } };

    private static V1Volume EmptyDir(string name) => new() { Name = name, EmptyDir = new V1EmptyDirVolumeSource() };

    private static V1PodSpec Volumes(params V1Volume[] volumes) => new() { Containers = [Pods.C("a")], Volumes = volumes };

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no volumes", "v1.0", Volumes()),
        CheckCase.Allowed("other volume types", "v1.0", Volumes(EmptyDir("a"), new V1Volume { Name = "b", Nfs = new V1NFSVolumeSource() })),
        new("one hostPath volume", "v1.0", Volumes(EmptyDir("x"), HostPath("b")), Reason, "volume \"b\""),
        new("several hostPath volumes in spec order", "v1.0", Volumes(HostPath("z"), EmptyDir("x"), HostPath("a")), Reason, "volumes \"z\", \"a\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(HostPathVolumes.Definition);
}
