namespace Kubeguard.PromAudit.Images;

/// <summary>
/// A parsed container image reference: <c>[registry/]repository[:tag][@digest]</c>, with Docker
/// Hub names normalised (<c>nginx</c> is <c>docker.io/library/nginx</c>).
/// </summary>
/// <param name="Registry">Registry host, e.g. <c>docker.io</c>.</param>
/// <param name="Repository">Repository path, e.g. <c>library/nginx</c>.</param>
/// <param name="Tag">Tag, or null when none was written.</param>
/// <param name="Digest">Digest (<c>sha256:…</c>), or null.</param>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>Registry and repository, e.g. <c>docker.io/library/nginx</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The last path segment of the repository, e.g. <c>nginx</c> or <c>controller</c>.</summary>
    public string ShortName => Repository[(Repository.LastIndexOf('/') + 1)..];

    /// <summary>Tag as the runtime sees it: the written tag, or <c>latest</c> when neither tag nor digest is given.</summary>
    public string EffectiveTag => Tag ?? (Digest is null ? "latest" : "");

    /// <inheritdoc/>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses <paramref name="reference"/>; false for empty or malformed text.</summary>
    public static bool TryParse(string? reference, out ImageReference image)
    {
        image = new ImageReference("", "", null, null);
        if (string.IsNullOrWhiteSpace(reference) || reference.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var rest = reference.Trim();
        if (rest.Contains("://", StringComparison.Ordinal))
        {
            rest = rest[(rest.IndexOf("://", StringComparison.Ordinal) + 3)..];
        }

        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!digest.Contains(':', StringComparison.Ordinal) || digest.Length < 8)
            {
                return false;
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (tag.Length == 0)
            {
                return false;
            }
        }

        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? "" : rest[..firstSlash];
        string registry;
        string repository;
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"))
        {
            registry = first;
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            registry = "docker.io";
            repository = firstSlash < 0 ? "library/" + rest : rest;
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = "docker.io";
        }

        if (repository.Length == 0 || repository.EndsWith('/'))
        {
            return false;
        }

        image = new ImageReference(registry.ToLowerInvariant(), repository, tag, digest);
        return true;
    }
}
