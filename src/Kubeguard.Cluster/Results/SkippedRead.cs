namespace Kubeguard.Cluster.Results;

/// <summary>Something the audit could not read, and why: its namespace is never reported clean.</summary>
/// <param name="Resource">The resource, e.g. <c>pods</c> or <c>namespaces</c>.</param>
/// <param name="Namespace">The namespace, or null for a cluster-wide read.</param>
/// <param name="Reason">The API server's message, e.g. the RBAC denial.</param>
public sealed record SkippedRead(string Resource, string? Namespace, string Reason);
