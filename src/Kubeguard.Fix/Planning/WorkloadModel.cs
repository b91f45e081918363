using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Fix.Planning;

/// <summary>Reads a pod-bearing object from its JSON form and judges it as the API server would.</summary>
internal static class WorkloadModel
{
    /// <summary>The kind of a document, or null.</summary>
    public static string? KindOf(JsonNode? document) => document is JsonObject obj ? PlanContext.Str(obj["kind"]) : null;

    /// <summary>True when the document is a kind that carries a pod.</summary>
    public static bool IsWorkload(JsonNode? document) => KindOf(document) is { } kind && PodTemplates.Kinds.Contains(kind);

    /// <summary>The typed object; throws when the document does not fit the kind's schema.</summary>
    public static object Read(JsonNode document)
    {
        var json = document.ToJsonString();
        return KindOf(document) switch
        {
            "Pod" => KubernetesJson.Deserialize<V1Pod>(json),
            "PodTemplate" => KubernetesJson.Deserialize<V1PodTemplate>(json),
            "ReplicationController" => KubernetesJson.Deserialize<V1ReplicationController>(json),
            "ReplicaSet" => KubernetesJson.Deserialize<V1ReplicaSet>(json),
            "Deployment" => KubernetesJson.Deserialize<V1Deployment>(json),
            "StatefulSet" => KubernetesJson.Deserialize<V1StatefulSet>(json),
            "DaemonSet" => KubernetesJson.Deserialize<V1DaemonSet>(json),
            "Job" => KubernetesJson.Deserialize<V1Job>(json),
            "CronJob" => KubernetesJson.Deserialize<V1CronJob>(json),
            var other => throw new InvalidOperationException($"{other} carries no pod"),
        };
    }

    /// <summary>The pod template (API defaults applied) and its verdict, or null when the object has none.</summary>
    public static (PodTemplate Template, PodSecurityResult Result)? Evaluate(JsonNode document, FixOptions options)
    {
        var template = PodTemplates.From(Read(document));
        if (template is null)
        {
            return null;
        }

        ApiServerDefaults.Apply(template.Spec, template.IsPod);
        return (template, options.Evaluator.Evaluate(options.Target, template.Metadata, template.Spec));
    }
}
