using k8s;
using k8s.Models;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// A kind the reader lists: how to list it across the cluster and in one namespace. Pods and every
/// pod-bearing workload kind that Pod Security Admission evaluates are here.
/// </summary>
public sealed class ResourceKind
{
    private readonly Func<IKubernetes, string?, int, string?, CancellationToken, Task<ListPage>> _listAll;
    private readonly Func<IKubernetes, string, string?, int, string?, CancellationToken, Task<ListPage>>? _listNamespaced;

    private ResourceKind(
        string kind,
        string group,
        string resource,
        Func<IKubernetes, string?, int, string?, CancellationToken, Task<ListPage>> listAll,
        Func<IKubernetes, string, string?, int, string?, CancellationToken, Task<ListPage>>? listNamespaced)
    {
        Kind = kind;
        Group = group;
        Resource = resource;
        _listAll = listAll;
        _listNamespaced = listNamespaced;
    }

    /// <summary>The kind, e.g. <c>Deployment</c>.</summary>
    public string Kind { get; }

    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; }

    /// <summary>The resource name, e.g. <c>deployments</c>.</summary>
    public string Resource { get; }

    /// <summary>True for namespaced kinds (every kind here except Namespace).</summary>
    public bool IsNamespaced => _listNamespaced is not null;

    /// <summary>Namespaces.</summary>
    public static ResourceKind Namespace { get; } = new("Namespace", "", "namespaces",
        async (c, cont, limit, sel, ct) => Page(await c.CoreV1.ListNamespaceAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
        null);

    /// <summary>Pods.</summary>
    public static ResourceKind Pod { get; } = new("Pod", "", "pods",
        async (c, cont, limit, sel, ct) => Page(await c.CoreV1.ListPodForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
        async (c, ns, cont, limit, sel, ct) => Page(await c.CoreV1.ListNamespacedPodAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)));

    /// <summary>The pod-bearing workload kinds, owners before the objects they own.</summary>
    public static IReadOnlyList<ResourceKind> Workloads { get; } =
    [
        new("Deployment", "apps", "deployments",
            async (c, cont, limit, sel, ct) => Page(await c.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("ReplicaSet", "apps", "replicasets",
            async (c, cont, limit, sel, ct) => Page(await c.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.AppsV1.ListNamespacedReplicaSetAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("StatefulSet", "apps", "statefulsets",
            async (c, cont, limit, sel, ct) => Page(await c.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.AppsV1.ListNamespacedStatefulSetAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("DaemonSet", "apps", "daemonsets",
            async (c, cont, limit, sel, ct) => Page(await c.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.AppsV1.ListNamespacedDaemonSetAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("CronJob", "batch", "cronjobs",
            async (c, cont, limit, sel, ct) => Page(await c.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.BatchV1.ListNamespacedCronJobAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("Job", "batch", "jobs",
            async (c, cont, limit, sel, ct) => Page(await c.BatchV1.ListJobForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.BatchV1.ListNamespacedJobAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("ReplicationController", "", "replicationcontrollers",
            async (c, cont, limit, sel, ct) => Page(await c.CoreV1.ListReplicationControllerForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.CoreV1.ListNamespacedReplicationControllerAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
        new("PodTemplate", "", "podtemplates",
            async (c, cont, limit, sel, ct) => Page(await c.CoreV1.ListPodTemplateForAllNamespacesAsync(continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false)),
            async (c, ns, cont, limit, sel, ct) => Page(await c.CoreV1.ListNamespacedPodTemplateAsync(ns, continueParameter: cont, labelSelector: sel, limit: limit, cancellationToken: ct).ConfigureAwait(false))),
    ];

    /// <summary>Lists one page across all namespaces (or of this cluster-scoped kind).</summary>
    public Task<ListPage> ListAllAsync(IKubernetes client, string? continueToken, int limit, string? labelSelector, CancellationToken cancellationToken) =>
        _listAll(client, continueToken, limit, labelSelector, cancellationToken);

    /// <summary>Lists one page in <paramref name="namespaceName"/>.</summary>
    public Task<ListPage> ListNamespacedAsync(IKubernetes client, string namespaceName, string? continueToken, int limit, string? labelSelector, CancellationToken cancellationToken) =>
        (_listNamespaced ?? throw new InvalidOperationException($"{Kind} is not namespaced"))(client, namespaceName, continueToken, limit, labelSelector, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => Resource;

    private static ListPage Page<T>(IItems<T> list) where T : class
    {
        var meta = (list as IMetadata<V1ListMeta>)?.Metadata;
        var items = list.Items is null ? [] : (IReadOnlyList<object>)[.. list.Items];
        return new ListPage(items, meta?.ContinueProperty, meta?.ResourceVersion);
    }
}
