using Kubeguard.Policy;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class ViolationPathsTests
{
    private static IReadOnlyList<string> PathsOf(string checkId, string podSpecAndMeta, long minor = 37)
    {
        var doc = Assert.Single(new ManifestLoader().LoadText("apiVersion: v1\nkind: Pod\n" + podSpecAndMeta, "p.yaml").Documents);
        var template = doc.CreatePodTemplate()!;
        return ViolationPaths.Find(checkId, PolicyVersion.Of(1, minor), template.Metadata, template.Spec);
    }

    [Theory]
    [InlineData("privileged", "spec:\n  containers:\n  - {name: a, image: b}\n  - {name: c, image: d, securityContext: {privileged: true}}\n", "spec.containers[1].securityContext.privileged")]
    [InlineData("privileged", "spec:\n  initContainers:\n  - {name: i, image: b, securityContext: {privileged: true}}\n  containers:\n  - {name: a, image: b}\n", "spec.initContainers[0].securityContext.privileged")]
    [InlineData("hostNamespaces", "spec:\n  hostPID: true\n  hostNetwork: false\n  containers:\n  - {name: a, image: b}\n", "spec.hostPID")]
    [InlineData("hostPathVolumes", "spec:\n  containers:\n  - {name: a, image: b}\n  volumes:\n  - {name: ok, emptyDir: {}}\n  - {name: h, hostPath: {path: /}}\n", "spec.volumes[1].hostPath")]
    [InlineData("restrictedVolumes", "spec:\n  containers:\n  - {name: a, image: b}\n  volumes:\n  - {name: n, nfs: {server: s, path: /}}\n", "spec.volumes[0].nfs")]
    [InlineData("hostPorts", "spec:\n  containers:\n  - {name: a, image: b, ports: [{containerPort: 1}, {containerPort: 2, hostPort: 2}]}\n", "spec.containers[0].ports[1].hostPort")]
    [InlineData("sysctls", "spec:\n  securityContext:\n    sysctls:\n    - {name: kernel.shm_rmid_forced, value: '0'}\n    - {name: kernel.msgmax, value: '1'}\n  containers:\n  - {name: a, image: b}\n", "spec.securityContext.sysctls[1].name")]
    [InlineData("runAsUser", "spec:\n  securityContext: {runAsUser: 0}\n  containers:\n  - {name: a, image: b}\n", "spec.securityContext.runAsUser")]
    [InlineData("runAsNonRoot", "spec:\n  containers:\n  - {name: a, image: b, securityContext: {runAsNonRoot: true}}\n  - {name: c, image: d}\n", "spec.containers[1].securityContext.runAsNonRoot")]
    [InlineData("capabilities_baseline", "spec:\n  containers:\n  - {name: a, image: b, securityContext: {capabilities: {add: [SYS_ADMIN]}}}\n", "spec.containers[0].securityContext.capabilities.add")]
    [InlineData("appArmorProfile", "metadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: unconfined\nspec:\n  containers:\n  - {name: a, image: b}\n", "metadata.annotations['container.apparmor.security.beta.kubernetes.io/a']")]
    [InlineData("hostProbesAndHostLifecycle", "spec:\n  containers:\n  - {name: a, image: b, readinessProbe: {tcpSocket: {port: 1, host: evil}}}\n", "spec.containers[0].readinessProbe.tcpSocket.host")]
    public void Each_check_points_at_the_field_that_makes_it_fail(string checkId, string pod, string expected) =>
        Assert.Equal([expected], PathsOf(checkId, pod));

    [Fact]
    public void Several_offenders_are_all_listed_in_pod_order() =>
        Assert.Equal(
            ["spec.containers[0].securityContext.allowPrivilegeEscalation", "spec.containers[2].securityContext.allowPrivilegeEscalation"],
            PathsOf("allowPrivilegeEscalation", "spec:\n  containers:\n  - {name: a, image: b}\n  - {name: c, image: d, securityContext: {allowPrivilegeEscalation: false}}\n  - {name: e, image: f, securityContext: {allowPrivilegeEscalation: true}}\n"));

    [Fact]
    public void A_pod_level_violation_does_not_blame_innocent_containers() =>
        Assert.Equal(["spec.securityContext.runAsUser"], PathsOf("runAsUser", "spec:\n  securityContext: {runAsUser: 0}\n  containers:\n  - {name: a, image: b}\n  - {name: c, image: d}\n"));

    [Fact]
    public void A_passing_check_has_no_paths() =>
        Assert.Empty(PathsOf("privileged", "spec:\n  containers:\n  - {name: a, image: b}\n"));

    [Fact]
    public void Finding_paths_leaves_the_spec_as_it_was()
    {
        var doc = Assert.Single(new ManifestLoader().LoadText("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  securityContext: {runAsUser: 0}\n  containers:\n  - {name: a, image: b, securityContext: {privileged: true}}\n  volumes:\n  - {name: h, hostPath: {path: /}}\n", "p.yaml").Documents);
        var template = doc.CreatePodTemplate()!;
        var before = k8s.KubernetesJson.Serialize(template.Spec);
        foreach (var check in CheckCatalog.BuiltIn)
        {
            ViolationPaths.Find(check.Id, PolicyVersion.Of(1, 37), template.Metadata, template.Spec);
        }

        Assert.Equal(before, k8s.KubernetesJson.Serialize(template.Spec));
    }
}
