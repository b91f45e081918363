namespace Kubeguard.Checks;

/// <summary>
/// A container image reference split into registry, repository, tag and digest, with Docker
/// Hub normalised (<c>nginx</c> is <c>docker.io/library/nginx</c>). Parsing never throws: a
/// malformed reference keeps what could be read.
/// </summary>
/// <param name="Original">The reference as written.</param>
/// <param name="Registry">Registry host (and port), e.g. <c>docker.io</c>, <c>quay.io</c>, <c>localhost:5000</c>.</param>
/// <param name="Repository">Repository path, e.g. <c>library/nginx</c>.</param>
/// <param name="Tag">The tag, or null when none is written.</param>
/// <param name="Digest">The digest (<c>sha256:…</c>), or null when the image is not pinned.</param>
public sealed record ImageReference(string Original, string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The registry Docker Hub references resolve to.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>True when the reference names a digest.</summary>
    public bool IsPinned => Digest is not null;

    /// <summary>The last path segment of the repository, e.g. <c>nginx</c>.</summary>
    public string Name => Repository[(Repository.LastIndexOf('/') + 1)..];

    /// <summary>Parses a reference such as <c>quay.io/prometheus/prometheus:v2.54.1@sha256:…</c>.</summary>
    public static ImageReference Parse(string? reference)
    {
        var text = (reference ?? string.Empty).Trim();
        var rest = text;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            digest = digest.Length == 0 ? null : digest;
            rest = rest[..at];
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            tag = tag.Length == 0 ? null : tag;
            rest = rest[..colon];
        }

        var registry = DockerHub;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        if (firstSlash > 0)
        {
            var first = rest[..firstSlash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                registry = first;
                rest = rest[(firstSlash + 1)..];
            }
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }

        if (registry == DockerHub && !rest.Contains('/', StringComparison.Ordinal) && rest.Length > 0)
        {
            rest = "library/" + rest;
        }

        return new ImageReference(text, registry.ToLowerInvariant(), rest, tag, digest);
    }

    /// <summary>
    /// True when <paramref name="pattern"/> covers this image: a registry (<c>quay.io</c>), or a
    /// registry and repository prefix ending at a path boundary (<c>ghcr.io/acme</c>).
    /// </summary>
    public bool IsFrom(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var p = pattern.Trim().TrimEnd('/');
        if (p.Length == 0)
        {
            return false;
        }

        var full = Registry + "/" + Repository;
        return string.Equals(Registry, p, StringComparison.OrdinalIgnoreCase)
            || full.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)
            || string.Equals(full, p, StringComparison.OrdinalIgnoreCase);
    }
}
