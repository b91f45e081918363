using k8s.Models;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Analysis;

/// <summary>Finds the workload a pod or owned object belongs to, walking ReplicaSet → Deployment and Job → CronJob.</summary>
internal static class Owners
{
    private const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>The controller owner reference of <paramref name="metadata"/>, or null.</summary>
    public static V1OwnerReference? Controller(V1ObjectMeta? metadata)
    {
        if (metadata?.OwnerReferences is not { Count: > 0 } owners)
        {
            return null;
        }

        foreach (var owner in owners)
        {
            if (owner?.Controller == true && !string.IsNullOrEmpty(owner.Kind) && !string.IsNullOrEmpty(owner.Name))
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>The workload of a pod: its top controller, or the pod itself.</summary>
    public static WorkloadRef OfPod(NamespaceState ns, V1ObjectMeta? metadata, string name)
    {
        var owner = Controller(metadata);
        if (owner is null)
        {
            return new WorkloadRef("Pod", name);
        }

        switch (owner.Kind)
        {
            case "ReplicaSet":
                if (ns.ReplicaSetOwners.TryGetValue(owner.Name, out var deployment))
                {
                    return new WorkloadRef("Deployment", deployment);
                }

                // Without the ReplicaSet (not readable), its name still tells: <deployment>-<pod-template-hash>.
                if (metadata?.Labels?.TryGetValue(PodTemplateHashLabel, out var hash) == true
                    && owner.Name.Length > hash.Length + 1
                    && owner.Name.EndsWith("-" + hash, StringComparison.Ordinal))
                {
                    return new WorkloadRef("Deployment", owner.Name[..^(hash.Length + 1)]);
                }

                break;
            case "Job":
                if (ns.JobOwners.TryGetValue(owner.Name, out var cronJob))
                {
                    return new WorkloadRef("CronJob", cronJob);
                }

                break;
        }

        return new WorkloadRef(owner.Kind, owner.Name);
    }
}
