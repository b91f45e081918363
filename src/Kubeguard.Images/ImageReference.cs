using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Kubeguard.Images;

/// <summary>
/// A parsed container image reference, <c>[registry[:port]/]path[:tag][@sha256:hex]</c>, with the
/// Docker defaults applied: no registry means <c>docker.io</c> (reached as
/// <c>registry-1.docker.io</c>), a single path component on Docker Hub gets <c>library/</c>, and
/// neither tag nor digest means tag <c>latest</c>.
/// </summary>
/// <param name="Original">The reference exactly as written.</param>
/// <param name="Registry">The registry host (and port), normalised: <c>docker.io</c> for Docker Hub.</param>
/// <param name="Repository">The repository path inside the registry, e.g. <c>library/nginx</c>.</param>
/// <param name="Tag">The tag as written, or null.</param>
/// <param name="Digest">The digest as written, or null.</param>
public sealed partial record ImageReference(string Original, string Registry, string Repository, string? Tag, Digest? Digest)
{
    /// <summary>The Docker Hub registry name.</summary>
    public const string DockerHub = "docker.io";

    private const int MaxNameLength = 255;

    /// <summary>The fully-qualified repository name, <c>registry/repository</c>; policy globs match this.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>The tag to resolve: null when a digest is written (the digest wins), else the written tag or <c>latest</c>.</summary>
    public string? EffectiveTag => Digest is not null ? null : Tag ?? "latest";

    /// <summary>The host the distribution API is spoken to.</summary>
    public string ApiHost => Registry == DockerHub ? "registry-1.docker.io" : Registry;

    /// <summary>The reference as written with <paramref name="digest"/> appended (<c>repo:tag@sha256:…</c>); the tag is kept as information.</summary>
    public string PinnedTo(Digest digest)
    {
        var at = Original.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? Original : Original[..at];
        return $"{name}@{digest}";
    }

    /// <summary>Parses a reference; the error names what is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = Check(text, out var parsed);
        reference = parsed;
        return error is null;
    }

    /// <summary>Parses a reference, throwing <see cref="FormatException"/> with the reason.</summary>
    public static ImageReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new FormatException(error);

    /// <inheritdoc />
    public override string ToString() => Original;

    private static string? Check(string? text, out ImageReference? reference)
    {
        reference = null;
        if (string.IsNullOrEmpty(text))
        {
            return "image reference is empty";
        }

        if (text.Trim() != text || text.Any(char.IsWhiteSpace))
        {
            return $"image reference \"{text}\" contains whitespace";
        }

        var rest = text;
        Digest? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digestText = rest[(at + 1)..];
            if (!Images.Digest.TryParse(digestText, out digest))
            {
                return $"image reference \"{text}\" has an invalid digest \"{digestText}\" (expected sha256:<64 lower-case hex>)";
            }

            rest = rest[..at];
        }

        string? tag = null;
        var lastColon = rest.LastIndexOf(':');
        if (lastColon > rest.LastIndexOf('/'))
        {
            tag = rest[(lastColon + 1)..];
            rest = rest[..lastColon];
            if (!TagPattern().IsMatch(tag))
            {
                return $"image reference \"{text}\" has an invalid tag \"{tag}\"";
            }
        }

        if (rest.Length == 0)
        {
            return $"image reference \"{text}\" has no repository name";
        }

        if (rest.Length > MaxNameLength)
        {
            return $"image reference \"{text}\" has a repository name longer than {MaxNameLength} characters";
        }

        string registry;
        string path;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : rest[..slash];
        if (slash < 0 || (first.IndexOfAny(['.', ':']) < 0 && first != "localhost" && !first.Any(char.IsUpper)))
        {
            registry = DockerHub;
            path = rest;
        }
        else
        {
            registry = first;
            path = rest[(slash + 1)..];
            if (!RegistryPattern().IsMatch(registry))
            {
                return $"image reference \"{text}\" has an invalid registry \"{registry}\"";
            }
        }

        if (registry == "index.docker.io")
        {
            registry = DockerHub;
        }

        if (path.Any(char.IsUpper))
        {
            return $"image reference \"{text}\": repository name must be lowercase";
        }

        foreach (var component in path.Split('/'))
        {
            if (!PathComponentPattern().IsMatch(component))
            {
                return component.Length == 0
                    ? $"image reference \"{text}\" has an empty path component"
                    : $"image reference \"{text}\" has an invalid path component \"{component}\"";
            }
        }

        if (registry == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        reference = new ImageReference(text, registry, path, tag, digest);
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex PathComponentPattern();

    [GeneratedRegex(@"^(?:(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegistryPattern();
}
