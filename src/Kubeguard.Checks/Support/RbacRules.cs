using k8s.Models;

namespace Kubeguard.Checks;

/// <summary>A Role or ClusterRole as read.</summary>
/// <param name="Item">The object as read.</param>
/// <param name="Rules">Its rules (never null; null entries are skipped by the helpers).</param>
public sealed record RoleView(InventoryObject Item, IList<V1PolicyRule?> Rules)
{
    /// <summary><c>Role ns/name</c> or <c>ClusterRole name</c> for messages.</summary>
    public string Display => Item.Namespace is null ? $"{Item.Kind} \"{Item.Name}\"" : $"{Item.Kind} \"{Item.Namespace}/{Item.Name}\"";
}

/// <summary>A RoleBinding or ClusterRoleBinding as read.</summary>
/// <param name="Item">The object as read.</param>
/// <param name="RoleRef">What it binds.</param>
/// <param name="Subjects">Who it binds (never null; null entries are skipped).</param>
public sealed record BindingView(InventoryObject Item, V1RoleRef? RoleRef, IList<Rbacv1Subject?> Subjects);

/// <summary>RBAC helpers: rules as data, explicit matching, role and binding lookup.</summary>
public static class RbacRules
{
    /// <summary>The wildcard RBAC uses for any verb, resource or group.</summary>
    public const string Wildcard = "*";

    /// <summary>Every Role and ClusterRole.</summary>
    public static IEnumerable<RoleView> Roles(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var (role, item) in inventory.OfType<V1Role>())
        {
            yield return new RoleView(item, role.Rules?.Cast<V1PolicyRule?>().ToList() ?? []);
        }

        foreach (var (role, item) in inventory.OfType<V1ClusterRole>())
        {
            yield return new RoleView(item, role.Rules?.Cast<V1PolicyRule?>().ToList() ?? []);
        }
    }

    /// <summary>Every RoleBinding and ClusterRoleBinding.</summary>
    public static IEnumerable<BindingView> Bindings(Inventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var (binding, item) in inventory.OfType<V1RoleBinding>())
        {
            yield return new BindingView(item, binding.RoleRef, binding.Subjects?.Cast<Rbacv1Subject?>().ToList() ?? []);
        }

        foreach (var (binding, item) in inventory.OfType<V1ClusterRoleBinding>())
        {
            yield return new BindingView(item, binding.RoleRef, binding.Subjects?.Cast<Rbacv1Subject?>().ToList() ?? []);
        }
    }

    /// <summary>Each non-null rule with its index.</summary>
    public static IEnumerable<(V1PolicyRule Rule, int Index)> Indexed(RoleView role)
    {
        ArgumentNullException.ThrowIfNull(role);
        for (var i = 0; i < role.Rules.Count; i++)
        {
            if (role.Rules[i] is { } rule)
            {
                yield return (rule, i);
            }
        }
    }

    /// <summary>The rule's verbs (never null).</summary>
    public static IReadOnlyList<string> Verbs(V1PolicyRule rule) => [.. Values.Strings(rule?.Verbs)];

    /// <summary>The rule's resources (never null).</summary>
    public static IReadOnlyList<string> Resources(V1PolicyRule rule) => [.. Values.Strings(rule?.Resources)];

    /// <summary>True when the rule covers the core API group ("" or "*").</summary>
    public static bool CoversCoreGroup(V1PolicyRule rule) => Values.Strings(rule?.ApiGroups).Any(g => g.Length == 0 || g == Wildcard);

    /// <summary>
    /// The verbs of <paramref name="wanted"/> the rule names explicitly on a core resource it names
    /// explicitly. Wildcards are not expanded here: <c>rbac-wildcard</c> reports them.
    /// </summary>
    public static IReadOnlyList<string> ExplicitGrants(V1PolicyRule rule, string resource, params string[] wanted)
    {
        if (!CoversCoreGroup(rule) || !Resources(rule).Contains(resource))
        {
            return [];
        }

        var verbs = Verbs(rule);
        return [.. wanted.Where(verbs.Contains)];
    }

    /// <summary>A subject as <c>Kind name</c> or <c>ServiceAccount ns/name</c>.</summary>
    public static string Describe(Rbacv1Subject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Kind == "ServiceAccount" && !string.IsNullOrEmpty(subject.NamespaceProperty)
            ? $"ServiceAccount {subject.NamespaceProperty}/{subject.Name}"
            : $"{subject.Kind} {subject.Name}";
    }

    /// <summary>Each non-null subject with its index.</summary>
    public static IEnumerable<(Rbacv1Subject Subject, int Index)> Indexed(BindingView binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        for (var i = 0; i < binding.Subjects.Count; i++)
        {
            if (binding.Subjects[i] is { } subject)
            {
                yield return (subject, i);
            }
        }
    }

    /// <summary>A hit on one rule of a role.</summary>
    internal static CheckHit Hit(RoleView role, int index, string message) =>
        CheckHit.On(role.Item, $"rules[{index}]", $"{role.Display} rule {index} {message}");
}
