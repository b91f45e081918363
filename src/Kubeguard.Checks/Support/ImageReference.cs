using SupplyChainReference = Kubeguard.Images.ImageReference;

namespace Kubeguard.Checks;

/// <summary>
/// What the checks need to know about a container image reference, parsed once by the supply-chain
/// library's full parser (<see cref="SupplyChainReference"/>: Docker Hub normalised, so <c>nginx</c>
/// is <c>docker.io/library/nginx</c>). Parsing never throws: a reference that is not valid keeps
/// the parser's reason in <see cref="Error"/>.
/// </summary>
/// <param name="Original">The reference as written.</param>
/// <param name="Registry">Registry host (and port), e.g. <c>docker.io</c>; empty when invalid.</param>
/// <param name="Repository">Repository path, e.g. <c>library/nginx</c>; empty when invalid.</param>
/// <param name="Tag">The tag, or null when none is written.</param>
/// <param name="Digest">The digest (<c>sha256:…</c>), or null when the image is not pinned.</param>
/// <param name="Error">Why the reference is not valid, or null.</param>
public sealed record ImageReference(string Original, string Registry, string Repository, string? Tag, string? Digest, string? Error = null)
{
    /// <summary>True when the reference parsed.</summary>
    public bool IsValid => Error is null;

    /// <summary>True when the reference names a digest.</summary>
    public bool IsPinned => Digest is not null;

    /// <summary>The last path segment of the repository, e.g. <c>nginx</c>.</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    /// <summary>Parses a reference such as <c>quay.io/prometheus/prometheus:v2.54.1@sha256:…</c>.</summary>
    public static ImageReference Parse(string? reference)
    {
        var text = reference ?? string.Empty;
        return SupplyChainReference.TryParse(text, out var parsed, out var error)
            ? new ImageReference(text, parsed.Registry, parsed.Repository, parsed.Tag, parsed.Digest?.ToString())
            : new ImageReference(text, string.Empty, string.Empty, null, null, error);
    }

    /// <summary>
    /// True when <paramref name="pattern"/> covers this image: a registry (<c>quay.io</c>), or a
    /// registry and repository prefix ending at a path boundary (<c>ghcr.io/acme</c>).
    /// </summary>
    public bool IsFrom(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = pattern.Trim().TrimEnd('/');
        if (p.Length == 0 || !IsValid)
        {
            return false;
        }

        var full = Registry + "/" + Repository;
        return string.Equals(Registry, p, StringComparison.OrdinalIgnoreCase)
            || full.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)
            || string.Equals(full, p, StringComparison.OrdinalIgnoreCase);
    }
}
