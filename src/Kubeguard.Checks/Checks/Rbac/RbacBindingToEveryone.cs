namespace Kubeguard.Checks.Rbac;

/// <summary>A binding to <c>system:anonymous</c>, <c>system:unauthenticated</c> or <c>system:authenticated</c>.</summary>
internal static class RbacBindingToEveryone
{
    public const string Id = "rbac-binding-to-everyone";

    private static readonly string[] Groups = ["system:anonymous", "system:unauthenticated", "system:authenticated"];

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "RBAC binding to anonymous or all authenticated users",
        "system:anonymous and system:unauthenticated are whoever reaches the API server without credentials; system:authenticated is every identity the cluster accepts, including every service account of every workload and, on managed clusters, often any account of the cloud provider. A binding to one of them hands its role to the whole network or to any compromised pod.",
        "Bind the role to the specific users, groups or service accounts that need it.",
        Evaluate)
    {
        Reads = ["RoleBinding", "ClusterRoleBinding"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var binding in RbacRules.Bindings(context.Inventory))
        {
            foreach (var (subject, index) in RbacRules.Indexed(binding))
            {
                if ((subject.Kind is "Group" or "User") && Groups.Contains(subject.Name))
                {
                    var role = binding.RoleRef is null ? "(no role)" : $"{binding.RoleRef.Kind} \"{binding.RoleRef.Name}\"";
                    yield return CheckHit.On(binding.Item, $"subjects[{index}]",
                        $"{binding.Item.Kind} \"{binding.Item.Name}\" binds {role} to {subject.Kind} \"{subject.Name}\"");
                }
            }
        }
    }
}
