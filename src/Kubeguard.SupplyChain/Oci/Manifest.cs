using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Oci;

/// <summary>
/// A manifest or index as fetched: its exact bytes, its digest (always recomputed from the bytes)
/// and the parts verification reads.
/// </summary>
/// <param name="Raw">The bytes as served.</param>
/// <param name="Digest">sha256 of <paramref name="Raw"/>.</param>
/// <param name="MediaType">The manifest's media type (from the body, else the response header).</param>
/// <param name="ArtifactType">The top-level <c>artifactType</c>, or the config media type when absent.</param>
/// <param name="Layers">The <c>layers</c> (image manifests).</param>
/// <param name="Manifests">The <c>manifests</c> (indexes).</param>
/// <param name="Subject">The <c>subject</c> (referrers), or null.</param>
public sealed record Manifest(
    ReadOnlyMemory<byte> Raw,
    Digest Digest,
    string MediaType,
    string? ArtifactType,
    IReadOnlyList<Descriptor> Layers,
    IReadOnlyList<Descriptor> Manifests,
    Descriptor? Subject)
{
    /// <summary>Parses manifest bytes; the content type header is the fallback media type.</summary>
    internal static Manifest Parse(byte[] raw, string? contentType)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("manifest is not a JSON object");
        }

        var config = root.TryGetProperty("config", out var c) ? Descriptor.From(c) : null;
        return new Manifest(
            raw,
            Digest.Of(raw),
            Json.String(root, "mediaType") ?? contentType ?? string.Empty,
            Json.String(root, "artifactType") ?? config?.MediaType,
            List(root, "layers"),
            List(root, "manifests"),
            root.TryGetProperty("subject", out var s) ? Descriptor.From(s) : null);
    }

    private static List<Descriptor> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(Descriptor.From).OfType<Descriptor>()]
            : [];
}
