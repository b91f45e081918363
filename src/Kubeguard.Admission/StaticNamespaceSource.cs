using System.Collections.Frozen;
using k8s.Models;

namespace Kubeguard.Admission;

/// <summary>An in-memory namespace source: fixed namespaces and pods (from a file, or a test).</summary>
public sealed class StaticNamespaceSource : INamespaceSource
{
    private readonly FrozenDictionary<string, IReadOnlyDictionary<string, string>> _labels;
    private readonly FrozenDictionary<string, V1Pod[]> _pods;

    /// <summary>Creates the source from Namespace and Pod objects.</summary>
    public StaticNamespaceSource(IEnumerable<V1Namespace> namespaces, IEnumerable<V1Pod>? pods = null)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        _labels = namespaces
            .Where(n => !string.IsNullOrEmpty(n.Metadata?.Name))
            .GroupBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(g.Last().Metadata.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
                StringComparer.Ordinal);
        _pods = (pods ?? [])
            .GroupBy(p => p.Metadata?.NamespaceProperty ?? "default", StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Number of namespaces known.</summary>
    public int NamespaceCount => _labels.Count;

    /// <inheritdoc/>
    public ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_labels.TryGetValue(name, out var labels) ? NamespaceLookup.Found(labels) : NamespaceLookup.NotFound(name));

    /// <inheritdoc/>
    public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<V1Pod>>(_pods.TryGetValue(name, out var pods) ? pods : []);
}
