namespace Kubeguard.Checks.Rbac;

/// <summary><c>patch</c> or <c>update</c> on <c>pods/ephemeralcontainers</c>.</summary>
internal static class RbacEphemeralContainers
{
    public const string Id = "rbac-ephemeral-containers";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "RBAC allows debug containers",
        "patch or update on pods/ephemeralcontainers adds a debug container to a running pod. The new container shares the pod's namespaces, volumes and service account, and it is only checked against the admission rules in force at that moment, not against what the pod was admitted with, so it is a way to run a chosen image inside a production pod. Rules that grant it through a wildcard are reported by rbac-wildcard.",
        "Remove patch and update on pods/ephemeralcontainers from standing roles; grant them only in a time-bound debugging role. To debug a pod safely, use kubeguard debug: it adds only a container the namespace's Pod Security level admits, proven before anything is sent, and records who asked and why on the pod.",
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
                var verbs = RbacRules.ExplicitGrants(rule, "pods/ephemeralcontainers", "patch", "update");
                if (verbs.Count > 0)
                {
                    yield return RbacRules.Hit(role, index, $"allows {Text.QuoteJoin(verbs)} on \"pods/ephemeralcontainers\"");
                }
            }
        }
    }
}
