using k8s.Models;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Policy.Tests;

public sealed class PodTemplatesTests
{
    private static V1PodTemplateSpec Template() => new()
    {
        Metadata = new V1ObjectMeta { Name = "tpl", Annotations = new Dictionary<string, string> { ["k"] = "v" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app" }] },
    };

    public static TheoryData<string, object, string> Kinds => new()
    {
        { "PodTemplate", new V1PodTemplate { Template = Template() }, "template.spec" },
        { "ReplicationController", new V1ReplicationController { Spec = new V1ReplicationControllerSpec { Template = Template() } }, "spec.template.spec" },
        { "ReplicaSet", new V1ReplicaSet { Spec = new V1ReplicaSetSpec { Template = Template() } }, "spec.template.spec" },
        { "Deployment", new V1Deployment { Spec = new V1DeploymentSpec { Template = Template() } }, "spec.template.spec" },
        { "StatefulSet", new V1StatefulSet { Spec = new V1StatefulSetSpec { Template = Template() } }, "spec.template.spec" },
        { "DaemonSet", new V1DaemonSet { Spec = new V1DaemonSetSpec { Template = Template() } }, "spec.template.spec" },
        { "Job", new V1Job { Spec = new V1JobSpec { Template = Template() } }, "spec.template.spec" },
        { "CronJob", new V1CronJob { Spec = new V1CronJobSpec { JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = Template() } } } }, "spec.jobTemplate.spec.template.spec" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Finds_the_template_of_every_workload_kind(string kind, object workload, string specPath)
    {
        var template = PodTemplates.From(workload);

        Assert.NotNull(template);
        Assert.Contains(kind, PodTemplates.Kinds);
        Assert.False(template.IsPod);
        Assert.Equal(specPath, template.SpecPath);
        Assert.Equal(specPath[..^"spec".Length] + "metadata", template.MetadataPath);
        Assert.Equal("app", template.Spec.Containers[0].Name);
        Assert.Equal("v", template.Metadata?.Annotations["k"]);
    }

    [Fact]
    public void A_pod_is_its_own_template()
    {
        var pod = new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "app" }] } };
        var template = PodTemplates.From(pod);

        Assert.NotNull(template);
        Assert.True(template.IsPod);
        Assert.Equal("spec", template.SpecPath);
        Assert.Equal("metadata", template.MetadataPath);
        Assert.Same(pod.Spec, template.Spec);
        Assert.Contains("Pod", PodTemplates.Kinds);
        Assert.Equal(9, PodTemplates.Kinds.Count);
    }

    public static TheoryData<object?> WithoutTemplates => new()
    {
        new V1PodTemplate(),
        new V1ReplicationController(),
        new V1ReplicationController { Spec = new V1ReplicationControllerSpec() },
        new V1ReplicaSet { Spec = new V1ReplicaSetSpec() },
        new V1Deployment(),
        new V1StatefulSet { Spec = new V1StatefulSetSpec() },
        new V1DaemonSet(),
        new V1Job { Spec = new V1JobSpec() },
        new V1CronJob(),
        new V1CronJob { Spec = new V1CronJobSpec() },
        new V1CronJob { Spec = new V1CronJobSpec { JobTemplate = new V1JobTemplateSpec() } },
        new V1Service(),
        new V1ConfigMap(),
        null,
    };

    [Theory]
    [MemberData(nameof(WithoutTemplates))]
    public void Objects_without_a_template_have_none(object? obj) => Assert.Null(PodTemplates.From(obj));

    [Fact]
    public void A_template_without_a_spec_gets_an_empty_one_and_is_evaluable()
    {
        var template = PodTemplates.From(new V1Deployment { Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec() } });
        Assert.NotNull(template);
        Assert.Null(template.Metadata);
        Assert.True(PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Restricted, PolicyVersion.Latest), template.Metadata, template.Spec).Allowed);

        var pod = PodTemplates.From(new V1Pod());
        Assert.NotNull(pod);
        Assert.NotNull(pod.Spec);
    }
}
