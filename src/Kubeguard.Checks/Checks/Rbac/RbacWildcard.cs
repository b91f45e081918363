namespace Kubeguard.Checks.Rbac;

/// <summary>An RBAC rule with <c>*</c> in its verbs or resources.</summary>
internal static class RbacWildcard
{
    public const string Id = "rbac-wildcard";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "Wildcard verbs or resources in RBAC",
        "A * in verbs or resources grants everything that exists now and everything added later: new subresources such as pods/ephemeralcontainers, the escalate, bind and impersonate verbs, and the resources of every CRD installed afterwards. Rules written with wildcards cannot be reviewed, because what they allow changes with the cluster. Rules naming resources Kubernetes does not know are judged by their verbs all the same.",
        "List the verbs and resources the subject needs explicitly, e.g. verbs: [get, list, watch] on resources: [configmaps].",
        Evaluate)
    {
        Reads = ["Role", "ClusterRole"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var role in RbacRules.Roles(context.Inventory))
        {
            foreach (var (rule, index) in RbacRules.Indexed(role))
            {
                var verbs = RbacRules.Verbs(rule);
                var resources = RbacRules.Resources(rule);
                var wildVerbs = verbs.Contains(RbacRules.Wildcard);
                var wildResources = resources.Contains(RbacRules.Wildcard);
                if (!wildVerbs && !wildResources)
                {
                    continue;
                }

                var on = resources.Count > 0 ? $"resources {Text.QuoteJoin(resources)}" : $"non-resource URLs {Text.QuoteJoin(Values.Strings(rule.NonResourceURLs))}";
                yield return RbacRules.Hit(role, index, $"grants verbs {Text.QuoteJoin(verbs)} on {on}");
            }
        }
    }
}
