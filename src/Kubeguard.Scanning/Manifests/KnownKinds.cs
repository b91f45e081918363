using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// The kinds read into KubernetesClient models: every pod-bearing kind (in every API group that
/// has served it, e.g. <c>extensions/v1beta1</c> Deployments) and the kinds cross-object checks
/// need. Kinds that embed an unambiguous pod template without being a core kind are listed in
/// <see cref="EmbeddedTemplatePaths"/>.
/// </summary>
public static class KnownKinds
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly FrozenDictionary<string, KindEntry> Entries = new Dictionary<string, KindEntry>(StringComparer.Ordinal)
    {
        ["Pod"] = Entry<V1Pod>(""),
        ["PodTemplate"] = Entry<V1PodTemplate>(""),
        ["ReplicationController"] = Entry<V1ReplicationController>(""),
        ["ReplicaSet"] = Entry<V1ReplicaSet>("apps", "extensions"),
        ["Deployment"] = Entry<V1Deployment>("apps", "extensions"),
        ["StatefulSet"] = Entry<V1StatefulSet>("apps"),
        ["DaemonSet"] = Entry<V1DaemonSet>("apps", "extensions"),
        ["Job"] = Entry<V1Job>("batch"),
        ["CronJob"] = Entry<V1CronJob>("batch"),
        ["Namespace"] = Entry<V1Namespace>(""),
        ["Service"] = Entry<V1Service>(""),
        ["ServiceAccount"] = Entry<V1ServiceAccount>(""),
        ["Secret"] = Entry<V1Secret>(""),
        ["ConfigMap"] = Entry<V1ConfigMap>(""),
        ["NetworkPolicy"] = Entry<V1NetworkPolicy>("networking.k8s.io", "extensions"),
        ["Role"] = Entry<V1Role>("rbac.authorization.k8s.io"),
        ["ClusterRole"] = Entry<V1ClusterRole>("rbac.authorization.k8s.io"),
        ["RoleBinding"] = Entry<V1RoleBinding>("rbac.authorization.k8s.io"),
        ["ClusterRoleBinding"] = Entry<V1ClusterRoleBinding>("rbac.authorization.k8s.io"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Kinds outside the core API that carry a pod template at a fixed path, by
    /// <c>group/Kind</c>: OpenShift's DeploymentConfig (<c>spec.template</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> EmbeddedTemplatePaths { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["apps.openshift.io/DeploymentConfig"] = "spec.template",
        ["/DeploymentConfig"] = "spec.template",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The kinds with a typed model.</summary>
    public static IEnumerable<string> Kinds => Entries.Keys;

    /// <summary>The API group of an apiVersion: <c>apps</c> for <c>apps/v1</c>, empty for <c>v1</c>.</summary>
    public static string GroupOf(string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(apiVersion);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    /// <summary>True when <paramref name="apiVersion"/>/<paramref name="kind"/> has a typed model.</summary>
    public static bool IsKnown(string apiVersion, string kind) =>
        Entries.TryGetValue(kind, out var entry) && entry.Groups.Contains(GroupOf(apiVersion));

    /// <summary>The path of the embedded pod template of a non-core kind, or null.</summary>
    public static string? EmbeddedTemplatePath(string apiVersion, string kind) =>
        EmbeddedTemplatePaths.GetValueOrDefault(GroupOf(apiVersion) + "/" + kind);

    /// <summary>
    /// Reads <paramref name="node"/> as the typed model of its kind, or null for kinds without one.
    /// </summary>
    /// <exception cref="JsonException">A field has the wrong type.</exception>
    public static object? Deserialize(string apiVersion, string kind, JsonNode node) =>
        IsKnown(apiVersion, kind) ? Entries[kind].Read(node) : null;

    /// <summary>Reads <paramref name="node"/> as <typeparamref name="T"/> with Kubernetes' JSON rules.</summary>
    /// <exception cref="JsonException">A field has the wrong type.</exception>
    public static T? Deserialize<T>(JsonNode node) => node.Deserialize((JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));

    /// <summary>Reads <paramref name="node"/> as <paramref name="type"/> (a KubernetesClient model) with Kubernetes' JSON rules.</summary>
    /// <exception cref="JsonException">A field has the wrong type.</exception>
    public static object? Deserialize(Type type, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Deserialize(Options.GetTypeInfo(type));
    }

    private static KindEntry Entry<T>(params string[] groups) => new(groups.ToFrozenSet(StringComparer.Ordinal), n => Deserialize<T>(n));

    /// <summary>
    /// Kubernetes' JSON rules (camelCase names, its date and duration formats) from the client's
    /// source-generated metadata, so no model is read by reflection; strings are read leniently.
    /// </summary>
    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SourceGenerationContext.Default.Options);
        options.Converters.Insert(0, new LenientStringConverter());
        options.MakeReadOnly();
        return options;
    }

    private sealed record KindEntry(FrozenSet<string> Groups, Func<JsonNode, object?> Read);
}
