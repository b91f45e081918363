namespace Kubeguard.Testing.KubeApi;

/// <summary>The objects of one resource, as the JSON the API server would send for each item.</summary>
public abstract class FakeObjectSource
{
    /// <summary>
    /// The items in <paramref name="namespaceName"/> (null: all namespaces) matching
    /// <paramref name="labelSelector"/>, in the API server's order (namespace, then name).
    /// </summary>
    public abstract IReadOnlyList<ReadOnlyMemory<byte>> Items(string? namespaceName, string? labelSelector);

    /// <summary>The item named <paramref name="name"/> in <paramref name="namespaceName"/>, or null.</summary>
    public abstract ReadOnlyMemory<byte>? Find(string? namespaceName, string name);
}
