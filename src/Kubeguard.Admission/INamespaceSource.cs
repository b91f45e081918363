using k8s.Models;

namespace Kubeguard.Admission;

/// <summary>Where namespace labels and existing pods come from (a cluster, a file, memory).</summary>
public interface INamespaceSource
{
    /// <summary>The labels of namespace <paramref name="name"/>, or why they could not be read.</summary>
    ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken);

    /// <summary>The pods currently in namespace <paramref name="name"/>, in list order.</summary>
    /// <exception cref="NamespaceSourceException">The pods could not be listed.</exception>
    Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken);
}
