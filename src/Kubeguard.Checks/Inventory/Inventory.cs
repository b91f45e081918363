using System.Collections.Immutable;
using k8s.Models;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Checks;

/// <summary>
/// Everything that was read in one pass (files or a cluster), indexed for checks that need
/// several objects at once: a Service and the pods it selects, a namespace and its
/// NetworkPolicies, a RoleBinding and its Role, a pod and its ServiceAccount.
/// </summary>
public sealed class Inventory
{
    /// <summary>The namespace of namespaced objects that name none.</summary>
    public const string DefaultNamespace = "default";

    private Inventory(ImmutableArray<InventoryObject> objects)
    {
        Objects = objects;
        var workloads = ImmutableArray.CreateBuilder<Workload>();
        foreach (var item in objects)
        {
            if ((PodTemplates.From(item.Resource) ?? item.EmbeddedPod) is { } pod)
            {
                workloads.Add(new Workload(item, pod));
            }
        }

        Workloads = workloads.ToImmutable();
        _byName = objects
            .GroupBy(o => (o.Kind, o.Namespace, o.Name))
            .ToDictionary(g => g.Key, g => g.Last());
        _workloadsByNamespace = Workloads.ToLookup(w => w.Namespace, StringComparer.Ordinal);
    }

    private readonly Dictionary<(string Kind, string? Namespace, string Name), InventoryObject> _byName;

    private readonly ILookup<string, Workload> _workloadsByNamespace;

    /// <summary>An inventory with nothing in it.</summary>
    public static Inventory Empty { get; } = new([]);

    /// <summary>Every object, in the order read.</summary>
    public ImmutableArray<InventoryObject> Objects { get; }

    /// <summary>Every pod-bearing object, in the order read.</summary>
    public ImmutableArray<Workload> Workloads { get; }

    /// <summary>Builds an inventory; null entries and entries holding no object are ignored.</summary>
    public static Inventory From(IEnumerable<InventoryObject?> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return new Inventory([.. objects.Where(o => o?.Resource is not null).Select(o => o!)]);
    }

    /// <summary>Every object of model type <typeparamref name="T"/>, with its entry.</summary>
    public IEnumerable<(T Object, InventoryObject Item)> OfType<T>()
        where T : class
    {
        foreach (var item in Objects)
        {
            if (item.Resource is T typed)
            {
                yield return (typed, item);
            }
        }
    }

    /// <summary>Every unstructured object of this kind (and, when given, API group).</summary>
    public IEnumerable<(UnstructuredObject Object, InventoryObject Item)> Unstructured(string kind, string? apiGroup = null) =>
        OfType<UnstructuredObject>().Where(u => u.Object.Kind == kind &&
            (apiGroup is null || u.Object.ApiVersion.StartsWith(apiGroup + "/", StringComparison.Ordinal)));

    /// <summary>The ServiceAccount with this name in this namespace, or null when it was not read.</summary>
    public V1ServiceAccount? ServiceAccount(string @namespace, string name) =>
        Find("ServiceAccount", @namespace, name)?.Resource as V1ServiceAccount;

    /// <summary>
    /// The object of this kind, namespace and name (a namespaced object that names no namespace is
    /// found under <see cref="DefaultNamespace"/>; pass null for cluster-scoped kinds), or null. When
    /// the input defines it twice the last one wins, as <c>kubectl apply</c> would leave it.
    /// </summary>
    public InventoryObject? Find(string kind, string? @namespace, string name)
    {
        if (_byName.TryGetValue((kind, @namespace, name), out var found))
        {
            return found;
        }

        return @namespace == DefaultNamespace && _byName.TryGetValue((kind, null, name), out var unnamespaced) ? unnamespaced : null;
    }

    /// <summary>The workloads in a namespace whose pod labels a Service selector (a plain map) matches.</summary>
    public IEnumerable<Workload> SelectedBy(string @namespace, IDictionary<string, string>? selector) =>
        _workloadsByNamespace[@namespace].Where(w => Selectors.Matches(selector, w.PodLabels));

    /// <summary>The Service with this name in this namespace, or null when it was not read.</summary>
    public (V1Service Object, InventoryObject Item)? Service(string @namespace, string name) =>
        Find("Service", @namespace, name) is { Resource: V1Service service } item ? (service, item) : null;

    /// <summary>The annotations of the object a reference names, or null when it was not read.</summary>
    public IDictionary<string, string>? AnnotationsOf(ObjectRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _byName.TryGetValue((subject.Kind, subject.Namespace, subject.Name), out var item) ? item.Annotations : null;
    }
}
