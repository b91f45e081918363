using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-014: a node-level TEE shared between confidential pods and pods that reach the host.</summary>
internal static class Tee014SharedConfidentialNode
{
    public const string Id = "tee-014";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Node-level TEE shared with host-reaching pods",
        "On a confidential node the whole node shares one TEE: it keeps the cloud operator out, not the other pods. A privileged, hostPath, hostPID or hostNetwork pod, or one that mounts the container runtime socket, on the same node reads the memory and files of the confidential pods beside it.",
        "Give confidential workloads their own confidential node pool with taints and tolerations, and keep DaemonSets with host access off it or accept them into the TCB explicitly.",
        Evaluate)
    {
        Reads = ["Node", "Pod"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var confidentialNodes = context.Inventory.OfType<V1Node>()
            .Where(n => n.Object.Metadata?.Labels is { } l && (l.ContainsKey(TeeRuntimeClasses.GkeInstanceTypeLabel) || (l.TryGetValue(TeeRuntimeClasses.GkeLegacyLabel, out var v) && v == "true")))
            .Select(n => n.Item.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (confidentialNodes.Count == 0)
        {
            yield break;
        }

        var scheduled = TeeIntent.All(context.Inventory, context.Options.TeeClasses)
            .Where(p => p.Workload.Pod.IsPod && p.Workload.Spec.NodeName is { } node && confidentialNodes.Contains(node))
            .GroupBy(p => p.Workload.Spec.NodeName!, StringComparer.Ordinal);
        foreach (var group in scheduled.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var confidential = group.Where(p => p.IsIntended || ConfidentialNodes.Required(p.Workload.Spec) is not null).ToList();
            if (confidential.Count == 0)
            {
                continue;
            }

            foreach (var pod in group.Where(p => !confidential.Contains(p)))
            {
                if (HostReach(pod.Workload.Spec) is { } reach)
                {
                    yield return TeeHits.On(pod, TeeHits.Spec(pod), "tee-014/shared-node", $"{reach} on the confidential node \"{group.Key}\" beside {Text.QuoteJoin(confidential.Select(c => c.Workload.Display))}", "Node labels and pod nodeName read");
                }
            }
        }
    }

    private static string? HostReach(V1PodSpec spec)
    {
        if (spec.HostNetwork == true || spec.HostPID == true)
        {
            return "the pod shares the host network or PID namespace";
        }

        if (Values.Each(spec.Containers).Concat(Values.Each(spec.InitContainers)).Any(c => c.SecurityContext?.Privileged == true))
        {
            return "the pod runs a privileged container";
        }

        var hostPaths = Values.Each(spec.Volumes).Where(v => v.HostPath is not null).Select(v => v.HostPath.Path ?? string.Empty).ToList();
        if (hostPaths.Any(p => p.EndsWith(".sock", StringComparison.Ordinal)))
        {
            return "the pod mounts the container runtime socket";
        }

        return hostPaths.Count > 0 ? "the pod mounts a hostPath" : null;
    }
}
