using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-011: a RuntimeClass whose name promises a TEE that its handler or scheduling does not deliver.</summary>
internal static class Tee011RuntimeClassMismatch
{
    public const string Id = "tee-011";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "RuntimeClass does not deliver what its name promises",
        "Pods choose a RuntimeClass by name, but the node runs whatever handler the class names: a class called kata-qemu-snp whose handler is runc or kata-qemu runs every confidential pod in an ordinary container or VM. A TEE class without a TEE node selector lets pods land on nodes without the hardware.",
        "Install through kata-deploy or the Confidential Containers charts with node feature discovery, keep name equal to handler, and add a TEE nodeSelector.",
        Evaluate)
    {
        Reads = ["RuntimeClass", "Node"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var nodes = context.Inventory.OfType<V1Node>().ToList();
        foreach (var (rc, item) in context.Inventory.OfType<V1RuntimeClass>())
        {
            var byName = TeeRuntimeClasses.Classify(item.Name);
            var byHandler = TeeRuntimeClasses.Classify(rc.Handler);
            if (byName?.Kind is TeeClassKind.Tee && byHandler?.Kind is not TeeClassKind.Tee)
            {
                yield return TeeHits.On(item, "handler", "tee-011/name-handler-mismatch", $"RuntimeClass \"{item.Name}\" is named as a TEE class but its handler \"{rc.Handler}\" is not one", "handler resolved from the RuntimeClass object");
                continue;
            }

            if (byHandler?.Kind is not TeeClassKind.Tee || byHandler.Platform is not TeePlatform.Upstream)
            {
                continue;
            }

            var selector = rc.Scheduling?.NodeSelector;
            if (selector is null || !selector.Keys.Any(TeeRuntimeClasses.NodeFeatureLabels.Contains))
            {
                yield return TeeHits.On(item, "scheduling.nodeSelector", "tee-011/no-tee-selector", $"RuntimeClass \"{item.Name}\" (handler \"{rc.Handler}\") has no nodeSelector on a TEE feature label, so its pods may land on nodes without the hardware", "RuntimeClass object");
                continue;
            }

            foreach (var (node, nodeItem) in nodes)
            {
                var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
                var matches = selector.Where(kv => !TeeRuntimeClasses.NodeFeatureLabels.Contains(kv.Key)).All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
                if (matches && !selector.Where(kv => TeeRuntimeClasses.NodeFeatureLabels.Contains(kv.Key)).All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
                {
                    yield return TeeHits.On(item, "scheduling.nodeSelector", "tee-011/node-lacks-tee", $"node \"{nodeItem.Name}\" matches the other selector labels of RuntimeClass \"{item.Name}\" but lacks its TEE feature label", "Node objects read");
                }
            }
        }
    }
}
