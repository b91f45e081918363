using k8s.Models;

namespace Kubeguard.Checks.Rbac;

/// <summary>A ClusterRoleBinding that lets its subjects read Secrets in every namespace.</summary>
internal static class RbacSecretsReadClusterWide
{
    public const string Id = "rbac-secrets-read-cluster-wide";

    private static readonly string[] ReadVerbs = ["get", "list", "watch"];

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Rbac,
        "Secrets readable cluster-wide",
        "get, list or watch on Secrets through a ClusterRoleBinding reads every Secret in every namespace: database passwords, TLS keys, registry credentials and the legacy service-account tokens of more powerful identities, which makes it one step from cluster-admin. list and watch return the values too, not only the names. The check follows each ClusterRoleBinding to its ClusterRole (or the built-in cluster-admin); rules limited by resourceNames are not counted.",
        "Bind the role with a RoleBinding in the namespaces that need it, and restrict the rule to named Secrets with resourceNames.",
        Evaluate)
    {
        Reads = ["ClusterRoleBinding", "ClusterRole"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var roles = context.Inventory.OfType<V1ClusterRole>()
            .GroupBy(r => r.Item.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Object, StringComparer.Ordinal);
        foreach (var (binding, item) in context.Inventory.OfType<V1ClusterRoleBinding>())
        {
            var roleName = binding.RoleRef?.Name;
            if (binding.RoleRef?.Kind != "ClusterRole" || string.IsNullOrEmpty(roleName))
            {
                continue;
            }

            var verbs = roleName == "cluster-admin" && !roles.ContainsKey(roleName)
                ? ReadVerbs
                : roles.TryGetValue(roleName, out var role) ? ReadsSecrets(role) : [];
            var subjects = Values.Each(binding.Subjects).Select(RbacRules.Describe).ToList();
            if (verbs.Count == 0 || subjects.Count == 0)
            {
                continue;
            }

            yield return CheckHit.On(item, "roleRef",
                $"ClusterRoleBinding \"{item.Name}\" lets {Text.QuoteJoin(subjects)} {string.Join(", ", verbs)} Secrets in every namespace through ClusterRole \"{roleName}\"");
        }
    }

    private static IReadOnlyList<string> ReadsSecrets(V1ClusterRole role)
    {
        var verbs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Values.Each(role.Rules))
        {
            var resources = RbacRules.Resources(rule);
            if (!RbacRules.CoversCoreGroup(rule) || Values.Strings(rule.ResourceNames).Any()
                || !(resources.Contains("secrets") || resources.Contains(RbacRules.Wildcard)))
            {
                continue;
            }

            var ruleVerbs = RbacRules.Verbs(rule);
            verbs.UnionWith(ReadVerbs.Where(v => ruleVerbs.Contains(v) || ruleVerbs.Contains(RbacRules.Wildcard)));
        }

        return [.. ReadVerbs.Where(verbs.Contains)];
    }
}
