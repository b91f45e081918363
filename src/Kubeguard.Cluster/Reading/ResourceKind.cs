using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Checks;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// A kind the reader lists: where the API serves it and which KubernetesClient model its items
/// become. Pods and every pod-bearing workload kind that Pod Security Admission evaluates are here,
/// and the kinds the checks beyond Pod Security read.
/// </summary>
public sealed class ResourceKind
{
    // First: the kinds below are built from it.
    private static readonly byte[] Status = "status"u8.ToArray();

    private ResourceKind(string kind, string group, string version, string resource, bool namespaced, Func<ArraySegment<byte>, object?> read)
    {
        Kind = kind;
        Group = group;
        Version = version;
        Resource = resource;
        IsNamespaced = namespaced;
        Read = read;
    }

    /// <summary>The kind, e.g. <c>Deployment</c>.</summary>
    public string Kind { get; }

    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; }

    /// <summary>The API version, e.g. <c>v1</c>.</summary>
    public string Version { get; }

    /// <summary>The resource name, e.g. <c>deployments</c>.</summary>
    public string Resource { get; }

    /// <summary>True for namespaced kinds.</summary>
    public bool IsNamespaced { get; }

    /// <summary>A field selector sent with every list of this kind, or null.</summary>
    public string? FieldSelector { get; private init; }

    /// <summary>Top-level fields dropped from every item before it becomes a model (no check reads them).</summary>
    internal IReadOnlyList<byte[]> Dropped { get; private init; } = [Status];

    /// <summary>True when the kind is a custom resource: a 404 means its definition is not installed.</summary>
    public bool IsCustom { get; private init; }

    /// <summary><c>group/version</c>, or the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Turns one item's JSON into its model; null for an item that is not an object.</summary>
    internal Func<ArraySegment<byte>, object?> Read { get; }

    /// <summary>Namespaces.</summary>
    public static ResourceKind Namespace { get; } = Core<V1Namespace>("Namespace", "namespaces", namespaced: false);

    /// <summary>Pods.</summary>
    public static ResourceKind Pod { get; } = Core<V1Pod>("Pod", "pods");

    /// <summary>The pod-bearing workload kinds, owners before the objects they own.</summary>
    public static IReadOnlyList<ResourceKind> Workloads { get; } =
    [
        Typed<V1Deployment>("Deployment", "apps", "v1", "deployments"),
        Typed<V1ReplicaSet>("ReplicaSet", "apps", "v1", "replicasets"),
        Typed<V1StatefulSet>("StatefulSet", "apps", "v1", "statefulsets"),
        Typed<V1DaemonSet>("DaemonSet", "apps", "v1", "daemonsets"),
        Typed<V1CronJob>("CronJob", "batch", "v1", "cronjobs"),
        Typed<V1Job>("Job", "batch", "v1", "jobs"),
        Core<V1ReplicationController>("ReplicationController", "replicationcontrollers"),
        Core<V1PodTemplate>("PodTemplate", "podtemplates"),
    ];

    /// <summary>
    /// What the checks beyond Pod Security read besides workloads and pods. Secrets are listed only
    /// of type <c>kubernetes.io/service-account-token</c>, and their <c>data</c> is dropped on arrival.
    /// </summary>
    public static IReadOnlyList<ResourceKind> CheckInputs { get; } =
    [
        Core<V1Node>("Node", "nodes", namespaced: false),
        Typed<V1RuntimeClass>("RuntimeClass", "node.k8s.io", "v1", "runtimeclasses", namespaced: false),
        Typed<V1ClusterRole>("ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", namespaced: false),
        Typed<V1ClusterRoleBinding>("ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", namespaced: false),
        Typed<V1Role>("Role", "rbac.authorization.k8s.io", "v1", "roles"),
        Typed<V1RoleBinding>("RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings"),
        Core<V1Service>("Service", "services"),
        Typed<V1Ingress>("Ingress", "networking.k8s.io", "v1", "ingresses"),
        Typed<V1NetworkPolicy>("NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies"),
        Core<V1ServiceAccount>("ServiceAccount", "serviceaccounts"),
        new("Secret", "", "v1", "secrets", true, json => WithoutData(Model<V1Secret>(json)))
        {
            FieldSelector = "type=" + ServiceAccountTokenType,
            Dropped = [Status, "data"u8.ToArray(), "stringData"u8.ToArray()],
        },
        Core<V1PersistentVolumeClaim>("PersistentVolumeClaim", "persistentvolumeclaims"),
        Core<V1ConfigMap>("ConfigMap", "configmaps"),
        Custom("FelixConfiguration", "crd.projectcalico.org", "v1", "felixconfigurations", namespaced: false),
        Custom("KbsConfig", "confidentialcontainers.org", "v1alpha1", "kbsconfigs", namespaced: true),
        Custom("Prometheus", "monitoring.coreos.com", "v1", "prometheuses", namespaced: true),
    ];

    /// <summary>The Secret type of legacy service-account tokens, the only Secrets read.</summary>
    public const string ServiceAccountTokenType = "kubernetes.io/service-account-token";

    /// <summary>The API path of the list: cluster-wide (or cluster-scoped) when <paramref name="namespaceName"/> is null.</summary>
    public string ListPath(string? namespaceName)
    {
        var root = Group.Length == 0 ? "api/v1" : $"apis/{Group}/{Version}";
        return namespaceName is null ? $"{root}/{Resource}" : $"{root}/namespaces/{Uri.EscapeDataString(namespaceName)}/{Resource}";
    }

    /// <inheritdoc/>
    public override string ToString() => Resource;

    private static ResourceKind Core<T>(string kind, string resource, bool namespaced = true) where T : class =>
        new(kind, "", "v1", resource, namespaced, json => Model<T>(json));

    private static ResourceKind Typed<T>(string kind, string group, string version, string resource, bool namespaced = true) where T : class =>
        new(kind, group, version, resource, namespaced, json => Model<T>(json));

    private static ResourceKind Custom(string kind, string group, string version, string resource, bool namespaced) =>
        new(kind, group, version, resource, namespaced, json => Unstructured(kind, $"{group}/{version}", json)) { IsCustom = true };

    private static T? Model<T>(ArraySegment<byte> json) where T : class
    {
        using var stream = new MemoryStream(json.Array!, json.Offset, json.Count, writable: false);
        return KubernetesJson.Deserialize<T>(stream);
    }

    private static V1Secret? WithoutData(V1Secret? secret)
    {
        if (secret is not null)
        {
            secret.Data = null;
            secret.StringData = null;
        }

        return secret;
    }

    private static UnstructuredObject? Unstructured(string kind, string apiVersion, ArraySegment<byte> json)
    {
        if (JsonNode.Parse(json.AsSpan()) is not JsonObject content)
        {
            return null;
        }

        var metadata = content["metadata"] is JsonObject meta ? KubernetesJson.Deserialize<V1ObjectMeta>(meta.ToJsonString()) : null;
        var itemApiVersion = content["apiVersion"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : apiVersion;
        return new UnstructuredObject(itemApiVersion, kind, metadata, content);
    }
}
