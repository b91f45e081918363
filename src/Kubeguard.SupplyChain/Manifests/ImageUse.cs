using Kubeguard.Reporting;

namespace Kubeguard.SupplyChain.Manifests;

/// <summary>One use of an image reference in the input: where its <c>image</c> field is and in which object.</summary>
/// <param name="Reference">The image reference as written.</param>
/// <param name="Location">The file and line of the <c>image</c> field, or null for references given directly.</param>
/// <param name="Subject">The object that uses the image, or null.</param>
public sealed record ImageUse(string Reference, Location? Location, Subject? Subject)
{
    /// <summary>A JSON pointer (<c>/spec/containers/0/image</c>) as a field path (<c>spec.containers[0].image</c>).</summary>
    public static string ToFieldPath(string jsonPointer)
    {
        ArgumentNullException.ThrowIfNull(jsonPointer);
        var sb = new System.Text.StringBuilder();
        foreach (var segment in jsonPointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
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
