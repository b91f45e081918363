using k8s.Models;

namespace Kubeguard.Checks.EncryptionInTransit;

/// <summary>Cilium's <c>cilium-config</c> enables neither WireGuard nor IPsec.</summary>
internal static class CiliumEncryptionDisabled
{
    public const string Id = "cilium-encryption-disabled";

    public const string ConfigMapName = "cilium-config";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.EncryptionInTransit,
        "Cilium without transparent encryption",
        "Cilium sends pod traffic between nodes unencrypted unless transparent encryption is switched on in the cilium-config ConfigMap (enable-wireguard or enable-ipsec). Without it, anyone with a position on the node network can read and alter traffic between pods on different nodes.",
        "Enable transparent encryption, e.g. helm upgrade cilium cilium/cilium --reuse-values --set encryption.enabled=true --set encryption.type=wireguard, which sets enable-wireguard: \"true\" in cilium-config.",
        Evaluate)
    {
        Reads = ["ConfigMap"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (config, item) in context.Inventory.OfType<V1ConfigMap>())
        {
            if (item.Name != ConfigMapName)
            {
                continue;
            }

            var data = config.Data ?? new Dictionary<string, string>();
            if (Values.AsBool(data.TryGetValue("enable-wireguard", out var w) ? w : null) == true
                || Values.AsBool(data.TryGetValue("enable-ipsec", out var i) ? i : null) == true)
            {
                continue;
            }

            yield return CheckHit.On(item, "data.enable-wireguard",
                "ConfigMap \"cilium-config\" enables neither WireGuard (enable-wireguard) nor IPsec (enable-ipsec)");
        }
    }
}
