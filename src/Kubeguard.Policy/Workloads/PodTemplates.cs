using k8s.Models;

namespace Kubeguard.Policy.Workloads;

/// <summary>
/// Finds the pod template of every pod-bearing kind: Pod, PodTemplate, ReplicationController,
/// ReplicaSet, Deployment, StatefulSet, DaemonSet, Job and CronJob.
/// </summary>
public static class PodTemplates
{
    /// <summary>The kinds that carry a pod or pod template.</summary>
    public static IReadOnlySet<string> Kinds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Pod", "PodTemplate", "ReplicationController", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
    };

    /// <summary>
    /// The pod template of <paramref name="obj"/>, or null when the object has none (another kind,
    /// or a template that is absent, e.g. a ReplicationController without one).
    /// </summary>
    public static PodTemplate? From(object? obj) => obj switch
    {
        V1Pod pod => new PodTemplate(pod.Metadata, pod.Spec ?? new V1PodSpec(), "spec", IsPod: true),
        V1PodTemplate template => Of(template.Template, "template"),
        V1ReplicationController rc => Of(rc.Spec?.Template, "spec.template"),
        V1ReplicaSet rs => Of(rs.Spec?.Template, "spec.template"),
        V1Deployment deployment => Of(deployment.Spec?.Template, "spec.template"),
        V1StatefulSet statefulSet => Of(statefulSet.Spec?.Template, "spec.template"),
        V1DaemonSet daemonSet => Of(daemonSet.Spec?.Template, "spec.template"),
        V1Job job => Of(job.Spec?.Template, "spec.template"),
        V1CronJob cronJob => Of(cronJob.Spec?.JobTemplate?.Spec?.Template, "spec.jobTemplate.spec.template"),
        _ => null,
    };

    /// <summary>A template found at <paramref name="path"/>, or null when it is absent.</summary>
    public static PodTemplate? Of(V1PodTemplateSpec? template, string path) =>
        template is null ? null : new PodTemplate(template.Metadata, template.Spec ?? new V1PodSpec(), path + ".spec", IsPod: false);
}
