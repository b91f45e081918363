namespace Kubeguard.Checks.Rbac;

/// <summary><c>cluster-admin</c> bound to a service account.</summary>
internal static class RbacClusterAdminServiceAccount
{
    public const string Id = "rbac-cluster-admin-service-account";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "cluster-admin bound to a service account",
        "A service account's token sits in every pod that runs as it. Binding cluster-admin to one means that code execution in any of those pods, a leaked token, or anyone allowed to create pods in its namespace owns the whole cluster. Bindings to the groups system:serviceaccounts and system:serviceaccounts:<namespace> count too; through a RoleBinding the grant stops at the namespace, which is still every permission there.",
        "Write a ClusterRole with only the verbs and resources the workload uses and bind that instead.",
        Evaluate)
    {
        Reads = ["RoleBinding", "ClusterRoleBinding"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var binding in RbacRules.Bindings(context.Inventory))
        {
            if (binding.RoleRef is not { Kind: "ClusterRole", Name: "cluster-admin" })
            {
                continue;
            }

            foreach (var (subject, index) in RbacRules.Indexed(binding))
            {
                var isServiceAccount = subject.Kind == "ServiceAccount"
                    || (subject.Kind == "Group" && (subject.Name == "system:serviceaccounts" || (subject.Name ?? string.Empty).StartsWith("system:serviceaccounts:", StringComparison.Ordinal)));
                if (isServiceAccount)
                {
                    var scope = binding.Item.Kind == "RoleBinding" ? $" in namespace \"{binding.Item.EffectiveNamespace}\"" : string.Empty;
                    yield return CheckHit.On(binding.Item, $"subjects[{index}]",
                        $"{binding.Item.Kind} \"{binding.Item.Name}\" binds cluster-admin to {RbacRules.Describe(subject)}{scope}");
                }
            }
        }
    }
}
