using k8s.Models;

namespace Kubeguard.Checks.NetworkExposure;

/// <summary>A Service with <c>spec.externalIPs</c> (CVE-2020-8554).</summary>
internal static class ServiceExternalIps
{
    public const string Id = "service-external-ips";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.NetworkExposure,
        "Service with externalIPs",
        "kube-proxy sends traffic for any address listed in spec.externalIPs to the Service's endpoints, for every pod and node in the cluster, without checking who owns the address. Anyone allowed to create or update a Service can therefore intercept traffic meant for an outside address (CVE-2020-8554, unfixed by design). Legitimate uses are rare and better served by a LoadBalancer.",
        "Remove spec.externalIPs and use a LoadBalancer Service; block the field cluster-wide with the DenyServiceExternalIPs admission plugin or a policy.",
        Evaluate)
    {
        Reads = ["Service"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (service, item) in context.Inventory.OfType<V1Service>())
        {
            var ips = Values.Strings(service.Spec?.ExternalIPs).Where(ip => ip.Length > 0).ToList();
            if (ips.Count > 0)
            {
                yield return CheckHit.On(item, "spec.externalIPs",
                    $"Service \"{item.Name}\" sets {Text.Plural(ips.Count, "externalIP", "externalIPs")} {Text.QuoteJoin(ips)}");
            }
        }
    }
}
