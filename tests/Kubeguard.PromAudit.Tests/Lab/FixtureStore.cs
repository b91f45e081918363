using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.PromAudit.Http;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>
/// Recorded API answers under <c>tests/fixtures/prometheus/&lt;probe&gt;/&lt;outcome&gt;.&lt;scenario&gt;/</c>,
/// one JSON file per request. The folder name before the dot is the probe's expected outcome.
/// <c>UPDATE_FIXTURES=1</c> re-records them from the real lab (one folder per outcome per probe).
/// </summary>
internal sealed class FixtureStore(string labDirectory)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HashSet<string> _cleared = [];

    public static bool UpdateRequested => Environment.GetEnvironmentVariable("UPDATE_FIXTURES") == "1";

    public Action<AuditFinding, AuditContext> Recorder(string scenario) => (probe, context) =>
    {
        var outcomeDir = Path.Combine(Paths.PrometheusFixtures, probe.Id.Code);
        if (_cleared.Add(probe.Id.Code) && Directory.Exists(outcomeDir))
        {
            // Only recorded scenarios are replaced; hand-made ones (e.g. clear.https) stay.
            foreach (var recorded in Directory.EnumerateDirectories(outcomeDir).Where(d => d.EndsWith(".open-server", StringComparison.Ordinal) || d.Contains(".basic-auth-", StringComparison.Ordinal)))
            {
                Directory.Delete(recorded, recursive: true);
            }
        }

        var answered = context.Answered;
        var keys = context.Touched.Append("GET /api/v1/status/buildinfo").Distinct().Where(answered.ContainsKey).ToList();
        var outcome = probe.Outcome.ToString().ToLowerInvariant();
        if (Directory.Exists(outcomeDir) && Directory.EnumerateDirectories(outcomeDir, outcome + ".*").Any())
        {
            return;
        }

        var folder = Path.Combine(outcomeDir, $"{outcome}.{scenario}");
        Directory.CreateDirectory(folder);
        foreach (var key in keys)
        {
            var response = answered[key];
            var node = new JsonObject
            {
                ["request"] = key,
                ["status"] = response.Status,
                ["headers"] = new JsonObject(response.Headers.Where(h => h.Key != "location").Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            };
            try
            {
                node["json"] = JsonNode.Parse(response.Body);
            }
            catch (JsonException)
            {
                node["text"] = response.Text;
            }

            // No machine paths or host names in committed fixtures.
            var text = node.ToJsonString(Indented)
                .Replace(labDirectory, "/lab", StringComparison.Ordinal)
                .Replace($"://{Environment.MachineName}:", "://prometheus-host:", StringComparison.OrdinalIgnoreCase);
            File.WriteAllText(Path.Combine(folder, FileName(key)), text + "\n");
        }
    };

    public static string FileName(string key)
    {
        var slug = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
        return $"{slug.Trim('-')[..Math.Min(60, slug.Trim('-').Length)]}-{hash}.json";
    }

    /// <summary>Loads a folder as request key → answer.</summary>
    public static Dictionary<string, ApiResponse> Load(string folder)
    {
        var answers = new Dictionary<string, ApiResponse>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var body = node["json"] is { } json ? Encoding.UTF8.GetBytes(json.ToJsonString()) : Encoding.UTF8.GetBytes((string?)node["text"] ?? "");
            var headers = node["headers"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
            answers[(string)node["request"]!] = new ApiResponse((int)node["status"]!, FailureKind.None, "", body, false, headers);
        }

        return answers;
    }
}
