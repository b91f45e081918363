using System.Text.Json;
using k8s;
using k8s.Models;
using Kubeguard.Admission;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Debug;

/// <summary>
/// Chooses the ephemeral debug container a namespace will admit, and proves it: the pod with the
/// container added is evaluated by the Pod Security engine at the namespace's enforce
/// level:version, as Pod Security Admission evaluates an update of <c>pods/ephemeralcontainers</c>.
/// </summary>
public static class DebugPlanner
{
    /// <summary>The annotation kubectl uses to name a pod's default container.</summary>
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    /// <summary>
    /// The plan for <paramref name="pod"/> in a namespace labelled <paramref name="namespaceLabels"/>, or
    /// the reason there is none (an unknown target, a name already used). A plan that is not
    /// <see cref="DebugPlan.Admitted"/> carries the upstream reasons.
    /// </summary>
    public static (DebugPlan? Plan, string? Problem) Plan(V1Pod pod, IReadOnlyDictionary<string, string>? namespaceLabels, DebugRequest request, PolicyEvaluator? evaluator = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(request);
        evaluator ??= PolicyEvaluator.Default;
        var containers = pod.Spec?.Containers ?? [];
        var target = request.Target
            ?? (pod.Metadata?.Annotations?.TryGetValue(DefaultContainerAnnotation, out var named) == true ? named : containers.FirstOrDefault()?.Name);
        var targetContainer = containers.FirstOrDefault(c => c.Name == target);
        if (targetContainer is null)
        {
            var names = string.Join(", ", containers.Select(c => c.Name));
            return (null, target is null
                ? $"pod \"{request.Pod}\" has no containers to target"
                : $"container \"{target}\" not found in pod \"{request.Pod}\"; its containers are: {names}");
        }

        var taken = containers.Select(c => c.Name)
            .Concat(pod.Spec?.InitContainers?.Select(c => c.Name) ?? [])
            .Concat(pod.Spec?.EphemeralContainers?.Select(c => c.Name) ?? []);
        if (taken.Contains(request.ContainerName, StringComparer.Ordinal))
        {
            return (null, $"pod \"{request.Pod}\" already has a container named \"{request.ContainerName}\"");
        }

        var resolution = NamespacePolicy.Resolve(namespaceLabels, NamespacePolicy.Privileged);
        var policy = resolution.Policy.Enforce;
        var user = targetContainer.SecurityContext?.RunAsUser ?? pod.Spec?.SecurityContext?.RunAsUser ?? 0;
        if (user == 0)
        {
            user = DebugProfiles.DefaultNonRootUser;
        }

        var candidates = request.Profile == DebugProfile.Auto ? DebugProfiles.ByCapability : [request.Profile];
        DebugPlan? plan = null;
        foreach (var profile in candidates)
        {
            var container = DebugProfiles.Build(profile, request.ContainerName, request.Image, targetContainer.Name, request.Command, user);
            plan = new DebugPlan(profile, container, policy, evaluator.Evaluate(policy, WithContainer(pod, container)), user)
            {
                LabelErrors = [.. resolution.Errors.Select(e => e.ToString())],
            };
            if (plan.Admitted)
            {
                break;
            }
        }

        return (plan, null);
    }

    /// <summary>A copy of <paramref name="pod"/> with <paramref name="container"/> added to its ephemeral containers.</summary>
    public static V1Pod WithContainer(V1Pod pod, V1EphemeralContainer container)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var copy = KubernetesJson.Deserialize<V1Pod>(KubernetesJson.Serialize(pod));
        copy.Spec ??= new V1PodSpec();
        copy.Spec.EphemeralContainers = [.. copy.Spec.EphemeralContainers ?? [], container];
        return copy;
    }

    /// <summary>The strategic merge patch for the <c>ephemeralcontainers</c> subresource that adds <paramref name="container"/>.</summary>
    public static string Patch(V1EphemeralContainer container)
    {
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(container));
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("spec");
            writer.WriteStartObject();
            writer.WritePropertyName("ephemeralContainers");
            writer.WriteStartArray();
            document.RootElement.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
