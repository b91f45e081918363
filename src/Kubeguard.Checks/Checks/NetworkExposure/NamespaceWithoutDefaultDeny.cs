using k8s.Models;

namespace Kubeguard.Checks.NetworkExposure;

/// <summary>A namespace that runs pods but has no default-deny ingress NetworkPolicy.</summary>
internal static class NamespaceWithoutDefaultDeny
{
    public const string Id = "namespace-without-default-deny";

    private const int ListedWorkloads = 5;

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.NetworkExposure,
        "Namespace without a default-deny NetworkPolicy",
        "Without a NetworkPolicy that selects every pod and allows no ingress, each pod accepts connections from every other pod in the cluster, so one compromised workload can reach databases, admin ports and metrics endpoints anywhere. A default-deny policy turns each allowed flow into an explicit, reviewable rule. A default-deny policy has an empty podSelector, applies to Ingress and lists no ingress rules; pods on the host network are not counted, since NetworkPolicy does not apply to them. Namespaced objects that name no namespace count as namespace default.",
        "Add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress] and no ingress rules to the namespace, then allow the flows each workload needs.",
        Evaluate)
    {
        Reads = ["Namespace", "NetworkPolicy", "Pod", "workloads"],
    };

    /// <summary>True for a policy that selects every pod and admits nothing.</summary>
    public static bool IsDefaultDenyIngress(V1NetworkPolicy policy)
    {
        var spec = policy.Spec;
        if (spec is null || !Selectors.IsEmpty(spec.PodSelector))
        {
            return false;
        }

        var types = Values.Strings(spec.PolicyTypes).ToList();
        var appliesToIngress = types.Count == 0 || types.Contains("Ingress");
        return appliesToIngress && !Values.Each(spec.Ingress).Any();
    }

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var inventory = context.Inventory;
        var protectedNamespaces = inventory.OfType<V1NetworkPolicy>()
            .Where(p => IsDefaultDenyIngress(p.Object))
            .Select(p => p.Item.EffectiveNamespace)
            .ToHashSet(StringComparer.Ordinal);

        var byNamespace = inventory.Workloads.Where(w => !w.HostNetwork).GroupBy(w => w.Namespace, StringComparer.Ordinal);
        foreach (var group in byNamespace.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (protectedNamespaces.Contains(group.Key))
            {
                continue;
            }

            var names = group.Select(w => w.Display).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var listed = Text.QuoteJoin(names.Take(ListedWorkloads));
            var more = names.Count > ListedWorkloads ? $" and {names.Count - ListedWorkloads} more" : string.Empty;
            var message = $"namespace \"{group.Key}\" runs {names.Count} {Text.Plural(names.Count, "workload", "workloads")} ({listed}{more}) but has no default-deny ingress NetworkPolicy";

            var ns = inventory.Find("Namespace", null, group.Key);
            yield return ns is not null
                ? CheckHit.On(ns, "metadata.name", message)
                : new CheckHit(new ObjectRef("Namespace", null, group.Key), group.First().Item.Location, "metadata.namespace", message);
        }
    }
}
