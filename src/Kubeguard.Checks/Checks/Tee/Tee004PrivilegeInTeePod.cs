namespace Kubeguard.Checks.Tee;

/// <summary>TEE-004: privilege or host namespaces in a confidential pod (overlaps Pod Security baseline).</summary>
internal static class Tee004PrivilegeInTeePod
{
    public const string Id = "tee-004";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Host namespaces or privilege in a TEE pod",
        "Inside a confidential VM, a privileged container reaches the sibling containers, the guest devices and every secret unsealed in the same TEE; host networking is not supported by Kata, so the pod fails or runs without the intended boundary. This finding fires even where Pod Security allows privilege, and names the Pod Security check that covers the same field.",
        "Drop privilege, split privileged helpers into a separate non-confidential pod, and never share a TEE pod with tooling.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static readonly HashSet<string> DangerousCaps = new(StringComparer.OrdinalIgnoreCase) { "SYS_ADMIN", "CAP_SYS_ADMIN", "SYS_PTRACE", "CAP_SYS_PTRACE", "SYS_MODULE", "CAP_SYS_MODULE", "SYS_RAWIO", "CAP_SYS_RAWIO", "ALL" };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var spec = pod.Workload.Spec;
            var prefix = TeeHits.Spec(pod);
            if (spec.HostNetwork == true)
            {
                yield return TeeHits.On(pod, prefix + ".hostNetwork", "tee-004/host-network", "hostNetwork is true in a confidential pod: Kata does not support it, so the pod fails or runs outside the intended boundary (Pod Security check hostNamespaces)");
            }

            foreach (var (field, value) in new[] { ("hostPID", spec.HostPID), ("hostIPC", spec.HostIPC) })
            {
                if (value == true)
                {
                    yield return TeeHits.On(pod, $"{prefix}.{field}", "tee-004/host-pid-ipc", $"{field} is true in a confidential pod: it shares the sandbox namespace, not the host's, and misleads readers (Pod Security check hostNamespaces)");
                }
            }

            foreach (var (container, path) in AllContainers(pod))
            {
                var sc = container.SecurityContext;
                if (sc?.Privileged == true)
                {
                    yield return TeeHits.On(pod, path + ".securityContext.privileged", "tee-004/privileged", $"container \"{container.Name}\" is privileged in a confidential pod: it reaches sibling containers, guest devices and unsealed secrets (Pod Security check privileged)");
                }

                var added = Values.Strings(sc?.Capabilities?.Add).Where(DangerousCaps.Contains).ToList();
                if (added.Count > 0)
                {
                    yield return TeeHits.On(pod, path + ".securityContext.capabilities.add", "tee-004/privileged", $"container \"{container.Name}\" adds {Text.QuoteJoin(added)} in a confidential pod: in-guest privilege reaches secrets unsealed in the same TEE (Pod Security check capabilities_baseline)");
                }
            }
        }
    }

    internal static IEnumerable<(k8s.Models.V1Container Container, string Path)> AllContainers(TeePod pod)
    {
        var spec = pod.Workload.Spec;
        var prefix = TeeHits.Spec(pod);
        for (var i = 0; i < (spec.InitContainers?.Count ?? 0); i++)
        {
            if (spec.InitContainers![i] is { } c)
            {
                yield return (c, $"{prefix}.initContainers[{i}]");
            }
        }

        for (var i = 0; i < (spec.Containers?.Count ?? 0); i++)
        {
            if (spec.Containers![i] is { } c)
            {
                yield return (c, $"{prefix}.containers[{i}]");
            }
        }
    }
}
