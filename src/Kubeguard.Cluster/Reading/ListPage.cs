namespace Kubeguard.Cluster.Reading;

/// <summary>One page of a list call.</summary>
/// <param name="Items">The objects on the page (typed KubernetesClient models).</param>
/// <param name="Continue">The token for the next page; null or empty on the last page.</param>
/// <param name="ResourceVersion">The list's resource version.</param>
public sealed record ListPage(IReadOnlyList<object> Items, string? Continue, string? ResourceVersion);
