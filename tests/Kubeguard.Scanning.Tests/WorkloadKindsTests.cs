using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class WorkloadKindsTests
{
    private const string PodSpec = """
              containers:
              - name: app
                image: nginx
        """;

    public static TheoryData<string, string, string, string> Kinds => new()
    {
        { "v1", "Pod", "spec:\n" + Indent(PodSpec, 0), "spec" },
        { "v1", "PodTemplate", "template:\n  spec:\n" + Indent(PodSpec, 2), "template.spec" },
        { "v1", "ReplicationController", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "apps/v1", "ReplicaSet", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "apps/v1", "Deployment", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "extensions/v1beta1", "Deployment", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "apps/v1beta2", "DaemonSet", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "apps/v1", "StatefulSet", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "batch/v1", "Job", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "batch/v1", "CronJob", "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n" + Indent(PodSpec, 8), "spec.jobTemplate.spec.template.spec" },
        { "batch/v1beta1", "CronJob", "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n" + Indent(PodSpec, 8), "spec.jobTemplate.spec.template.spec" },
        { "apps.openshift.io/v1", "DeploymentConfig", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
        { "v1", "DeploymentConfig", "spec:\n  template:\n    spec:\n" + Indent(PodSpec, 4), "spec.template.spec" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_pod_bearing_kind_yields_its_pod_template_at_the_right_path(string apiVersion, string kind, string body, string specPath)
    {
        var set = new ManifestLoader().LoadText($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: w\n{body}", "w.yaml");
        Assert.Empty(set.Invalid);
        var doc = Assert.Single(set.Documents);
        var template = doc.PodTemplate;
        Assert.NotNull(template);
        Assert.Equal(specPath, template.SpecPath);
        Assert.Equal("app", Assert.Single(template.Spec.Containers).Name);
        var line = doc.Locate(specPath + ".containers[0]");
        Assert.True(line.Exact);
        Assert.Equal("- name: app", ReadLine(body, line.Line - 4).Trim());
    }

    [Theory]
    [InlineData("v1", "Namespace", typeof(k8s.Models.V1Namespace))]
    [InlineData("v1", "Service", typeof(k8s.Models.V1Service))]
    [InlineData("v1", "ServiceAccount", typeof(k8s.Models.V1ServiceAccount))]
    [InlineData("v1", "Secret", typeof(k8s.Models.V1Secret))]
    [InlineData("v1", "ConfigMap", typeof(k8s.Models.V1ConfigMap))]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", typeof(k8s.Models.V1NetworkPolicy))]
    [InlineData("rbac.authorization.k8s.io/v1", "Role", typeof(k8s.Models.V1Role))]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", typeof(k8s.Models.V1ClusterRole))]
    [InlineData("rbac.authorization.k8s.io/v1", "RoleBinding", typeof(k8s.Models.V1RoleBinding))]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", typeof(k8s.Models.V1ClusterRoleBinding))]
    public void Kinds_other_checks_need_are_typed(string apiVersion, string kind, Type type)
    {
        var doc = Assert.Single(new ManifestLoader().LoadText($"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: x\n", "x.yaml").Documents);
        Assert.IsType(type, doc.Model);
        Assert.False(doc.IsPodBearing);
    }

    [Fact]
    public void Mutating_a_fresh_pod_template_leaves_the_document_alone()
    {
        var doc = Assert.Single(new ManifestLoader().LoadText("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: b\n", "p.yaml").Documents);
        var copy = doc.CreatePodTemplate()!;
        copy.Spec.HostNetwork = true;
        Assert.Null(doc.PodTemplate!.Spec.HostNetwork);
    }

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l)) + "\n";

    private static string ReadLine(string text, int oneBased) => text.Split('\n')[oneBased - 1];
}
