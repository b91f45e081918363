using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Kubeguard.Admission;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Webhook;

/// <summary>
/// Reads Namespace (and Pod) manifests from a multi-document YAML or JSON file. A broken document is
/// reported with its file and line; the other documents are still used.
/// </summary>
public static partial class NamespaceManifestLoader
{
    /// <summary>Loads <paramref name="text"/> (named <paramref name="file"/> in errors).</summary>
    public static (StaticNamespaceSource Source, IReadOnlyList<string> Errors) Load(string text, string file)
    {
        var read = Read(text, file);
        return (read.Source, read.Problems);
    }

    /// <summary>
    /// Reads <paramref name="text"/> (named <paramref name="file"/> in messages): the namespaces and
    /// pods of every readable document, every problem in document order, and how many documents
    /// could not be read at all.
    /// </summary>
    public static NamespaceManifests Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var namespaces = new List<V1Namespace>();
        var pods = new List<V1Pod>();
        var errors = new List<string>();
        var broken = 0;
        foreach (var (document, firstLine) in Split(text))
        {
            if (!YamlTree.TryParse(document, out var node, out var line, out var problem))
            {
                broken++;
                errors.Add($"{file}:{firstLine + Math.Max(line, 1) - 1}: {OneLine(problem)}");
                continue;
            }

            try
            {
                var kind = node is JsonObject obj && obj["kind"] is JsonValue k && k.TryGetValue<string>(out var name) ? name : null;
                switch (kind)
                {
                    case "Namespace":
                        namespaces.Add(KnownKinds.Deserialize<V1Namespace>(node!)!);
                        break;
                    case "Pod":
                        pods.Add(KnownKinds.Deserialize<V1Pod>(node!)!);
                        break;
                    case "NamespaceList":
                        namespaces.AddRange(KnownKinds.Deserialize<V1NamespaceList>(node!)?.Items ?? []);
                        break;
                    case "PodList":
                        pods.AddRange(KnownKinds.Deserialize<V1PodList>(node!)?.Items ?? []);
                        break;
                    default:
                        errors.Add($"{file}:{firstLine}: ignored a document of kind \"{kind}\" (expected Namespace or Pod)");
                        break;
                }
            }
            catch (JsonException ex)
            {
                errors.Add($"{file}:{firstLine}: {OneLine(ex.Message)}");
            }
        }

        return new NamespaceManifests(new StaticNamespaceSource(namespaces, pods), errors, broken);
    }

    private static IEnumerable<(string Document, int FirstLine)> Split(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var start = 0;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || Separator().IsMatch(lines[i]))
            {
                var document = string.Join('\n', lines[start..i]);
                if (!string.IsNullOrWhiteSpace(Comments().Replace(document, string.Empty)))
                {
                    yield return (document, start + 1);
                }

                start = i + 1;
            }
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [GeneratedRegex(@"^---\s*$")]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?m)^\s*#.*$")]
    private static partial Regex Comments();
}
