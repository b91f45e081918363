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
            if (PodTemplates.From(item.Resource) is { } pod)
            {
                workloads.Add(new Workload(item, pod));
            }
        }

        Workloads = workloads.ToImmutable();
    }

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
        OfType<V1ServiceAccount>().FirstOrDefault(s => s.Item.EffectiveNamespace == @namespace && s.Item.Name == name).Object;

    /// <summary>The workloads in a namespace whose pod labels a Service selector (a plain map) matches.</summary>
    public IEnumerable<Workload> SelectedBy(string @namespace, IDictionary<string, string>? selector) =>
        Workloads.Where(w => w.Namespace == @namespace && Selectors.Matches(selector, w.PodLabels));

    /// <summary>The Service with this name in this namespace, or null when it was not read.</summary>
    public (V1Service Object, InventoryObject Item)? Service(string @namespace, string name)
    {
        foreach (var service in OfType<V1Service>())
        {
            if (service.Item.EffectiveNamespace == @namespace && service.Item.Name == name)
            {
                return service;
            }
        }

        return null;
    }

    /// <summary>The annotations of the object a reference names, or null when it was not read.</summary>
    public IDictionary<string, string>? AnnotationsOf(ObjectRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var item in Objects)
        {
            if (item.Kind == subject.Kind && item.Name == subject.Name && item.Namespace == subject.Namespace)
            {
                return item.Annotations;
            }
        }

        return null;
    }
}
