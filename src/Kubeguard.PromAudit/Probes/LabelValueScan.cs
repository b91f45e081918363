using System.Text.Json;
using System.Text.RegularExpressions;
using Kubeguard.PromAudit.Redaction;

namespace Kubeguard.PromAudit.Probes;

/// <summary>Shared label-value scanning for K8S-108 and K8S-112: values are scanned, never kept.</summary>
internal static partial class LabelValueScan
{
    /// <summary>Label names matching <paramref name="pattern"/>, then their top values scanned by <paramref name="detect"/>.</summary>
    public static async Task<(List<string> Evidence, bool Strong, int Names, string? Problem)> RunAsync(
        AuditContext context, Regex pattern, Func<string, string, string, (string Line, bool Strong)?> detect, CancellationToken ct)
    {
        var labels = await context.StringListAsync("/api/v1/labels", ct).ConfigureAwait(false);
        if (!labels.Ok)
        {
            return ([], false, 0, labels.Problem);
        }

        var names = labels.Value!.Where(n => !n.StartsWith("__", StringComparison.Ordinal) && pattern.IsMatch(n)).Order(StringComparer.Ordinal).Take(20).ToList();
        var evidence = new List<string>();
        var strong = false;
        foreach (var name in names)
        {
            var values = await context.QueryAsync($"topk(200, count by ({name}) ({{{name}!=\"\"}}))", ct).ConfigureAwait(false);
            foreach (var value in (values.Value ?? []).Select(s => s[name]).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (detect(name, value, $"label {name}") is { } hit)
                {
                    evidence.Add(hit.Line);
                    strong |= hit.Strong;
                }
            }
        }

        return (evidence.Distinct(StringComparer.Ordinal).ToList(), strong, names.Count, null);
    }

    /// <summary>Describes a JSON blob by its top-level keys and sensitive key names, never its values.</summary>
    public static string DescribeBlob(string value)
    {
        try
        {
            using var doc = JsonDocument.Parse(value);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "a JSON value";
            }

            var top = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            var sensitive = new List<string>();
            foreach (var section in new[] { "data", "stringData" })
            {
                if (doc.RootElement.TryGetProperty(section, out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    sensitive.AddRange(data.EnumerateObject().Select(p => $"{section}.{p.Name}"));
                }
            }

            sensitive.AddRange(EnvName().Matches(value).Select(m => $"env {m.Groups[1].Value}").Where(e => SecretScanner.SecretName().IsMatch(e)));
            return $"JSON with keys {string.Join(", ", top)}" + (sensitive.Count > 0 ? $"; contains {string.Join(", ", sensitive.Distinct())}" : "");
        }
        catch (JsonException)
        {
            return "text that is not JSON";
        }
    }

    [GeneratedRegex("\"name\"\\s*:\\s*\"([A-Z][A-Z0-9_]+)\"")]
    private static partial Regex EnvName();
}
