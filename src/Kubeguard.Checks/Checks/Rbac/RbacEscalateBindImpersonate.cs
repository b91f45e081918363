namespace Kubeguard.Checks.Rbac;

/// <summary>The <c>escalate</c>, <c>bind</c> or <c>impersonate</c> verbs, on any resource.</summary>
internal static class RbacEscalateBindImpersonate
{
    public const string Id = "rbac-escalate-bind-impersonate";

    private static readonly string[] Verbs = ["escalate", "bind", "impersonate"];

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "RBAC escalate, bind or impersonate",
        "RBAC normally stops a subject from granting permissions it does not hold. escalate lifts that limit when editing roles, bind lifts it when creating bindings, and impersonate lets the subject act as another user, group or service account, for example system:masters. Each is a direct route to cluster-admin. The verbs are judged on any resource, including resources Kubernetes does not know; rules that grant them through a wildcard are reported by rbac-wildcard.",
        "Remove escalate, bind and impersonate; where a controller truly needs them, restrict the rule with resourceNames to the exact roles or identities.",
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
                var found = Verbs.Where(verbs.Contains).ToList();
                if (found.Count > 0)
                {
                    var resources = RbacRules.Resources(rule);
                    var on = resources.Count > 0 ? $" on {Text.QuoteJoin(resources)}" : string.Empty;
                    yield return RbacRules.Hit(role, index, $"allows {Text.QuoteJoin(found)}{on}");
                }
            }
        }
    }
}
