using System.Text;
using Kubeguard.Scanning.Manifests;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Pinning;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Manifests;

/// <summary>One container image in a manifest: the object, the container and where its <c>image</c> field is.</summary>
/// <param name="Document">The object.</param>
/// <param name="Image">The container, its reference and the JSON pointer of its <c>image</c> field.</param>
public sealed record ImageUse(ManifestDocument Document, PodImage Image)
{
    /// <summary>The field path in the object's own terms, e.g. <c>spec.template.spec.containers[0].image</c>.</summary>
    public string FieldPath => ToFieldPath(Image.Path);

    internal static string ToFieldPath(string pointer)
    {
        var sb = new StringBuilder();
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.All(char.IsAsciiDigit))
            {
                sb.Append('[').Append(segment).Append(']');
            }
            else
            {
                sb.Append(sb.Length > 0 ? "." : string.Empty).Append(segment);
            }
        }

        return sb.ToString();
    }
}

/// <summary>The pins for one manifest object: where it is and the JSON Patch for it.</summary>
/// <param name="Document">The object.</param>
/// <param name="Patches">The <c>replace</c> operations, relative to the object.</param>
public sealed record DocumentPins(ManifestDocument Document, IReadOnlyList<ImagePatch> Patches);

/// <summary>Every image of every pod-bearing object in a manifest set, and the pins for them.</summary>
public static class ManifestImages
{
    /// <summary>Every container image (init, regular, ephemeral) of every pod-bearing object, in input order.</summary>
    public static IReadOnlyList<ImageUse> Find(ManifestSet manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        return [.. manifests.Documents.SelectMany(d => PodImages.Find(d.Kind, d.Raw).Select(i => new ImageUse(d, i)))];
    }

    /// <summary>The JSON Patch per object that pins every verified tag to the digest that was verified.</summary>
    public static IReadOnlyList<DocumentPins> Pins(ManifestSet manifests, IReadOnlyList<ImageVerification> results)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(results);
        var byReference = results.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        return [.. manifests.Documents
            .Select(d => new DocumentPins(d, ImagePins.For(d.Kind, d.Raw, byReference)))
            .Where(p => p.Patches.Count > 0)];
    }
}
