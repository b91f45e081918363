using System.Collections.Frozen;
using k8s.Models;

namespace Kubeguard.Admission;

/// <summary>An in-memory namespace source: fixed namespaces and pods (from a file, or a test).</summary>
public sealed class StaticNamespaceSource : INamespaceSource
{
    private readonly FrozenDictionary<string, NamespaceLookup> _namespaces;
    private readonly FrozenDictionary<string, V1Pod[]> _pods;

    /// <summary>Creates the source from Namespace and Pod objects.</summary>
    public StaticNamespaceSource(IEnumerable<V1Namespace> namespaces, IEnumerable<V1Pod>? pods = null)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        _namespaces = namespaces
            .Where(n => !string.IsNullOrEmpty(n.Metadata?.Name))
            .GroupBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => Lookup(g.Last()), StringComparer.Ordinal);
        _pods = (pods ?? [])
            .GroupBy(p => p.Metadata?.NamespaceProperty ?? "default", StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Number of namespaces known.</summary>
    public int NamespaceCount => _namespaces.Count;

    /// <inheritdoc/>
    public ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_namespaces.TryGetValue(name, out var found) ? found : NamespaceLookup.NotFound(name));

    /// <inheritdoc/>
    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1Pod>>(_pods.TryGetValue(name, out var pods) ? pods : []);

    /// <summary>A found lookup holding copies of a namespace's labels and annotations.</summary>
    public static NamespaceLookup Lookup(V1Namespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return NamespaceLookup.Found(
            new Dictionary<string, string>(ns.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            new Dictionary<string, string>(ns.Metadata?.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal));
    }
}
