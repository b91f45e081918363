using System.Text.Json.Nodes;
using Kubeguard.Fix;
using Kubeguard.SupplyChain.Pinning;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// <c>images verify --pin --write</c>: rewrites every verified tag to <c>repo:tag@sha256:…</c> in
/// the manifest files it came from, through the byte-preserving editor of <c>kubeguard fix</c>
/// (List items included). Standard input is never written.
/// </summary>
internal static class ManifestPinWriter
{
    /// <summary>Writes the files and returns one line per file changed or document refused.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<string> files, IReadOnlyList<ImageVerification> results)
    {
        var byReference = results.GroupBy(r => r.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var file in files.Where(f => f != "<stdin>" && File.Exists(f)))
        {
            var result = PointerEdits.ApplyToFile(file, json => EditsFor(json, byReference));
            if (result.Changed)
            {
                lines.Add($"{file}: pinned {result.Applied} image{(result.Applied == 1 ? string.Empty : "s")}");
            }

            lines.AddRange(result.Refusals.Select(r => $"{file}: {r}"));
        }

        return lines;
    }

    private static List<PointerEdit> EditsFor(JsonNode json, Dictionary<string, ImageVerification> results)
    {
        if (json is not JsonObject obj || obj["kind"] is not JsonValue kindValue || !kindValue.TryGetValue<string>(out var kind))
        {
            return [];
        }

        if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
        {
            var edits = new List<PointerEdit>();
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is JsonObject item && item["kind"] is JsonValue itemKind && itemKind.TryGetValue<string>(out var k))
                {
                    edits.AddRange(ImagePins.For(k, item, results).Select(p => new PointerEdit($"/items/{i}{p.Path}", p.Value)));
                }
            }

            return edits;
        }

        return [.. ImagePins.For(kind, obj, results).Select(p => new PointerEdit(p.Path, p.Value))];
    }
}
