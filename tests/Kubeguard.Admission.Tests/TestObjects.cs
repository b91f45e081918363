using System.Text.Json;
using k8s;
using k8s.Models;

namespace Kubeguard.Admission.Tests;

/// <summary>Builders for the objects and requests the admission tests send.</summary>
internal static class TestObjects
{
    public static JsonElement Json(object value) => JsonDocument.Parse(KubernetesJson.Serialize(value)).RootElement.Clone();

    public static V1Pod Pod(string name = "x", string ns = "ns", string image = "nginx", Action<V1Pod>? change = null)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = image }] },
        };
        change?.Invoke(pod);
        return pod;
    }

    /// <summary>A pod that passes restricted at every version.</summary>
    public static V1Pod RestrictedPod(string name = "x", string ns = "ns")
    {
        var pod = Pod(name, ns);
        pod.Spec.SecurityContext = new V1PodSecurityContext
        {
            RunAsNonRoot = true,
            SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        };
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            Capabilities = new V1Capabilities { Drop = ["ALL"] },
        };
        return pod;
    }

    /// <summary>A pod that fails baseline (privileged) and restricted.</summary>
    public static V1Pod PrivilegedPod(string name = "x", string ns = "ns") =>
        Pod(name, ns, change: p => p.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true });

    public static V1Deployment Deployment(V1Pod template, string name = "web", string ns = "ns") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec { Metadata = template.Metadata, Spec = template.Spec },
        },
    };

    public static V1Namespace Namespace(string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = labels.Length == 0 ? null : labels.ToDictionary(l => l.Key, l => l.Value),
        },
    };

    public static AdmissionAttributes PodCreate(V1Pod pod, string username = "alice") => new()
    {
        Operation = "CREATE",
        Resource = "pods",
        Name = pod.Metadata.Name,
        Namespace = pod.Metadata.NamespaceProperty,
        Username = username,
        NewObject = Json(pod),
    };

    public static AdmissionAttributes PodUpdate(V1Pod pod, V1Pod old, string subresource = "") => PodCreate(pod) with
    {
        Operation = "UPDATE",
        Subresource = subresource,
        OldObject = Json(old),
    };

    public static AdmissionAttributes DeploymentCreate(V1Deployment deployment) => new()
    {
        Operation = "CREATE",
        Group = "apps",
        Resource = "deployments",
        Name = deployment.Metadata.Name,
        Namespace = deployment.Metadata.NamespaceProperty,
        Username = "alice",
        NewObject = Json(deployment),
    };

    public static AdmissionAttributes NamespaceCreate(V1Namespace ns) => new()
    {
        Operation = "CREATE",
        Resource = "namespaces",
        Name = ns.Metadata.Name,
        Username = "alice",
        NewObject = Json(ns),
    };

    public static AdmissionAttributes NamespaceUpdate(V1Namespace ns, V1Namespace old) => NamespaceCreate(ns) with
    {
        Operation = "UPDATE",
        OldObject = Json(old),
    };

    public static AdmissionEvaluator Evaluator(
        IEnumerable<V1Namespace> namespaces, PodSecurityConfiguration? configuration = null, IEnumerable<V1Pod>? pods = null, TimeProvider? time = null) =>
        new(configuration ?? PodSecurityConfiguration.Default, new StaticNamespaceSource(namespaces, pods), time: time);

    public static PodSecurityConfiguration Config(string yaml)
    {
        var result = PodSecurityConfigurationLoader.Load(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Configuration!;
    }

    public const string Restricted = "pod-security.kubernetes.io/enforce";
}
