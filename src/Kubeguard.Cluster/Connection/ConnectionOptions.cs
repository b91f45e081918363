namespace Kubeguard.Cluster.Connection;

/// <summary>How to reach the cluster, following kubectl's rules.</summary>
/// <param name="KubeconfigPath">An explicit kubeconfig file (<c>--kubeconfig</c>); otherwise <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.</param>
/// <param name="Context">A context of that kubeconfig (<c>--context</c>); otherwise its current context.</param>
public sealed record ConnectionOptions(string? KubeconfigPath = null, string? Context = null)
{
    /// <summary>How long one API request may take before it counts as a timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
