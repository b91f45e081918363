using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Oci;

/// <summary>An OCI content descriptor.</summary>
/// <param name="MediaType">The media type.</param>
/// <param name="Digest">The content digest.</param>
/// <param name="Size">The content size in bytes.</param>
/// <param name="ArtifactType">The artifact type (referrers), or null.</param>
/// <param name="Annotations">The annotations (empty when absent).</param>
public sealed record Descriptor(string MediaType, Digest Digest, long Size, string? ArtifactType, IReadOnlyDictionary<string, string> Annotations)
{
    internal static Descriptor? From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !Digest.TryParse(Json.String(element, "digest"), out var digest)
            || !element.TryGetProperty("size", out var sizeElement) || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            return null;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Json.Object(element, "annotations") is { } map)
        {
            foreach (var property in map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                annotations[property.Name] = property.Value.GetString()!;
            }
        }

        return new Descriptor(Json.String(element, "mediaType") ?? string.Empty, digest.Value, size, Json.String(element, "artifactType"), annotations);
    }
}
