using k8s.Models;

namespace Kubeguard.Checks.NetworkExposure;

/// <summary>A NodePort or LoadBalancer Service, with the workloads it exposes.</summary>
internal static class ServiceExposedOutsideCluster
{
    public const string Id = "service-exposed-outside-cluster";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.NetworkExposure,
        "Service reachable from outside the cluster",
        "A NodePort Service opens a port on every node and a LoadBalancer Service usually gives it a public address; both bypass the Ingress layer, where TLS, authentication and rate limits tend to live. Each workload behind such a Service should be meant to face the network. The finding names the workloads the selector matches; a Service whose selector matches no workload that was read, or that has no selector, exposes nothing Kubeguard can name and is not reported.",
        "Use type: ClusterIP behind an Ingress or Gateway that terminates TLS and authenticates, or restrict a LoadBalancer with loadBalancerSourceRanges.",
        Evaluate)
    {
        Reads = ["Service", "Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (service, item) in context.Inventory.OfType<V1Service>())
        {
            if (!Exposure.IsExternalType(service.Spec?.Type))
            {
                continue;
            }

            var selected = context.Inventory.SelectedBy(item.EffectiveNamespace, service.Spec!.Selector).ToList();
            if (selected.Count == 0)
            {
                continue;
            }

            yield return CheckHit.On(item, "spec.type",
                $"Service \"{item.Name}\" of type {service.Spec.Type} exposes {Exposure.Names(selected)}");
        }
    }
}
