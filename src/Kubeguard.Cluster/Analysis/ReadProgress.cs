namespace Kubeguard.Cluster.Analysis;

/// <summary>Where a long read stands, for a progress display.</summary>
/// <param name="Resource">The resource being listed, e.g. <c>pods</c>.</param>
/// <param name="Namespace">The namespace being listed, or null for a cluster-wide list.</param>
/// <param name="Objects">Objects read so far, all kinds together.</param>
/// <param name="Namespaces">Namespaces known.</param>
public readonly record struct ReadProgress(string Resource, string? Namespace, long Objects, int Namespaces);
