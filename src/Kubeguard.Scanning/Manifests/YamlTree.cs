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
    public static JsonNode? Parse(string text) =>
        TryParse(text, out var root, out var line, out var problem) ? root : throw new FormatException($"line {line}: {problem}");

    /// <summary>
    /// Reads the first document of <paramref name="text"/> into <paramref name="root"/> (null when it
    /// holds none), or says on which line (1-based, within <paramref name="text"/>) and why it cannot.
    /// </summary>
    public static bool TryParse(string text, out JsonNode? root, out int line, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var documents = YamlDocumentReader.Read(text, 0, ManifestLoaderOptions.Default);
            (root, line, problem) = (documents.Count == 0 ? null : documents[0].Root, 0, "");
            return true;
        }
        catch (ManifestFormatException ex)
        {
            (root, line, problem) = (null, ex.Line, ex.Message);
            return false;
        }
    }
}
