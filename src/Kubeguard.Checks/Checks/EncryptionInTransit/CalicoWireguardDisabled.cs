using k8s.Models;

namespace Kubeguard.Checks.EncryptionInTransit;

/// <summary>Calico is present and its cluster-wide FelixConfiguration does not turn WireGuard on.</summary>
internal static class CalicoWireguardDisabled
{
    public const string Id = "calico-wireguard-disabled";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.EncryptionInTransit,
        "Calico without WireGuard",
        "Calico routes pod traffic between nodes in the clear unless WireGuard is enabled in the cluster-wide FelixConfiguration named default. Anyone on the node network, a shared cloud VPC or a compromised switch or hypervisor, can then read and alter traffic between pods, including service-to-service calls that rely on the network being private. The check reads FelixConfiguration default (crd.projectcalico.org or projectcalico.org) and, when only the calico-node DaemonSet was read, reports that no configuration enables WireGuard.",
        "Set spec.wireguardEnabled: true (and wireguardEnabledV6 for IPv6) in FelixConfiguration default, e.g. kubectl patch felixconfiguration default --type=merge -p '{\"spec\":{\"wireguardEnabled\":true}}'.",
        Evaluate)
    {
        Reads = ["FelixConfiguration", "DaemonSet"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var configurations = context.Inventory.Unstructured("FelixConfiguration")
            .Where(f => f.Object.ApiVersion.Contains("projectcalico.org/", StringComparison.Ordinal) && f.Item.Name == "default")
            .ToList();
        foreach (var (felix, item) in configurations)
        {
            var v4 = felix.BoolAt("spec.wireguardEnabled");
            if (v4 == true || felix.BoolAt("spec.wireguardEnabledV6") == true)
            {
                continue;
            }

            var state = felix.At("spec.wireguardEnabled") is null ? "is not set" : v4 == false ? "is false" : "is not a boolean";
            yield return CheckHit.On(item, "spec.wireguardEnabled", $"FelixConfiguration \"default\" leaves WireGuard off (spec.wireguardEnabled {state})");
        }

        if (configurations.Count > 0)
        {
            yield break;
        }

        foreach (var (_, item) in context.Inventory.OfType<V1DaemonSet>().Where(d => d.Item.Name == "calico-node"))
        {
            yield return CheckHit.On(item, "metadata.name", "Calico runs (DaemonSet \"calico-node\") but no FelixConfiguration \"default\" enables WireGuard");
        }
    }
}
