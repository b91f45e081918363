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
        "Pods choose a RuntimeClass by name, but the node runs whatever handler the class names: a class called kata-qemu-snp whose handler is runc or kata-qemu runs every confidential pod in an ordinary container or VM. A TEE class without a TEE node selector lets pods land on nodes without the hardware, and one whose overhead does not request the TEE key resource the nodes advertise lets more TEE pods onto a node than it has keys.",
        "Install through kata-deploy or the Confidential Containers charts with node feature discovery, keep name equal to handler, add a TEE nodeSelector, and request the TEE key resource in the overhead.",
        Evaluate)
    {
        Reads = ["RuntimeClass", "Node"],
    };

    /// <summary>
    /// Nodes that NFD equips advertise the TEE key (an ASID or TDX key) as an extended resource;
    /// a RuntimeClass whose overhead does not request it lets more TEE pods land on a node than it
    /// has keys, and those pods fail to start.
    /// </summary>
    private static IEnumerable<CheckHit> OverheadLacksTeeKey(V1RuntimeClass rc, InventoryObject item, IDictionary<string, string> selector, List<(V1Node Object, InventoryObject Item)> nodes)
    {
        var advertised = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, nodeItem) in nodes)
        {
            var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
            if (!selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value))
            {
                continue;
            }

            foreach (var resource in TeeRuntimeClasses.TeeKeyResources)
            {
                if (node.Status?.Allocatable?.ContainsKey(resource) == true || node.Status?.Capacity?.ContainsKey(resource) == true)
                {
                    advertised.TryAdd(resource, nodeItem.Name);
                }
            }
        }

        var podFixed = rc.Overhead?.PodFixed;
        var lacking = advertised.Where(kv => podFixed?.ContainsKey(kv.Key) != true).ToList();
        if (lacking.Count > 0)
        {
            var what = string.Join(", ", lacking.Select(kv => $"\"{kv.Key}\" (advertised by node \"{kv.Value}\")"));
            yield return TeeHits.On(item, "overhead.podFixed", "tee-011/overhead-lacks-tee-key", $"RuntimeClass \"{item.Name}\" does not request the TEE key resource {what} in its overhead, so the scheduler can place more TEE pods on a node than it has keys", "RuntimeClass and Node objects read");
        }
    }

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var nodes = context.Inventory.OfType<V1Node>().ToList();
        foreach (var (rc, item) in context.Inventory.OfType<V1RuntimeClass>())
        {
            var byName = context.Options.TeeClasses.Classify(item.Name);
            var byHandler = context.Options.TeeClasses.Classify(rc.Handler);
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

            foreach (var hit in OverheadLacksTeeKey(rc, item, selector, nodes))
            {
                yield return hit;
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
