using System.Text.Json.Nodes;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Pinning;

/// <summary>
/// Pins for manifests (the offline counterpart of the mutating webhook): for every container of a
/// pod-bearing object whose image verified from a tag, a JSON Patch <c>replace</c> of its
/// <c>image</c> with <c>repo:tag@sha256:…</c>, the digest that was verified. Images already
/// pinned, failed or not covered by a rule are left alone.
/// </summary>
public static class ImagePins
{
    /// <summary>The patches for <paramref name="obj"/> of kind <paramref name="kind"/>, given results keyed by reference.</summary>
    public static IReadOnlyList<ImagePatch> For(string kind, JsonObject obj, IReadOnlyDictionary<string, ImageVerification> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. PodImages.Find(kind, obj)
            .Select(image => (image, result: results.GetValueOrDefault(image.Reference)))
            .Where(p => p.result is { Reason: Reason.Verified, ResolvedFromTag: true })
            .Select(p => new ImagePatch(p.image.Path, p.result!.Pinned!))];
    }

    /// <summary>The patches as one JSON Patch document, or null when there are none.</summary>
    public static string? ToJson(IReadOnlyList<ImagePatch> patches)
    {
        ArgumentNullException.ThrowIfNull(patches);
        return new ImageAdmissionDecision(true, null, patches, [], []).PatchJson;
    }
}
