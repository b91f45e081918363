using System.Text.Json.Nodes;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// One YAML document as a JSON tree, read as <see cref="ManifestLoader"/> reads it: Kubernetes'
/// YAML rules, duplicate keys refused, merge keys applied, aliases expanded within the limits.
/// </summary>
public static class YamlTree
{
    /// <summary>The first document of <paramref name="text"/>, or null when it holds none.</summary>
    /// <exception cref="FormatException">The text is not valid YAML or breaks a limit (the message starts with the line).</exception>
    public static JsonNode? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var documents = YamlDocumentReader.Read(text, 0, ManifestLoaderOptions.Default);
            return documents.Count == 0 ? null : documents[0].Root;
        }
        catch (ManifestFormatException ex)
        {
            throw new FormatException($"line {ex.Line}: {ex.Message}", ex);
        }
    }
}
