namespace Kubeguard.Scanning.Manifests;

/// <summary>Limits and choices of the <see cref="ManifestLoader"/>.</summary>
public sealed record ManifestLoaderOptions
{
    /// <summary>Defaults suited to Kubernetes manifests.</summary>
    public static ManifestLoaderOptions Default { get; } = new();

    /// <summary>Files larger than this are refused unread (default 64 MiB).</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Documents larger than this are refused unparsed (default 8 MiB; the API server refuses
    /// requests over 3 MiB and etcd stores objects up to about 1.5 MiB).
    /// </summary>
    public int MaxDocumentBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Nodes per document, counting every alias expansion (default 1,000,000): bounds memory against alias bombs.</summary>
    public long MaxNodesPerDocument { get; init; } = 1_000_000;

    /// <summary>Maximum nesting depth of a document (default 100).</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>File extensions read when walking folders (files named explicitly are always read).</summary>
    public IReadOnlySet<string> Extensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml", ".json" };
}
