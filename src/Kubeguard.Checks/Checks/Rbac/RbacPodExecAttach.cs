namespace Kubeguard.Checks.Rbac;

/// <summary><c>create</c> on <c>pods/exec</c> or <c>pods/attach</c>.</summary>
internal static class RbacPodExecAttach
{
    public const string Id = "rbac-pod-exec-attach";

    private static readonly string[] Subresources = ["pods/exec", "pods/attach"];

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "RBAC allows exec or attach into pods",
        "create on pods/exec or pods/attach runs commands inside any pod the rule covers, with that pod's service-account token, mounted Secrets and network position. It turns read access to one namespace into the combined privileges of every workload in it. Rules that grant it through a wildcard are reported by rbac-wildcard.",
        "Remove create on pods/exec and pods/attach; give operators time-bound access through a break-glass role, and debug with logs or kubectl debug into a copy instead.",
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
                var resources = Subresources
                    .Where(r => RbacRules.ExplicitGrants(rule, r, "create").Count > 0)
                    .ToList();
                if (resources.Count > 0)
                {
                    yield return RbacRules.Hit(role, index, $"allows create on {Text.QuoteJoin(resources)}");
                }
            }
        }
    }
}
