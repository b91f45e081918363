using Kubeguard.PromAudit.Config;
using Kubeguard.PromAudit.Redaction;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-010. The running configuration is readable: job names, service-discovery types and API
/// servers, credential file paths, remote-write/read hosts, Alertmanagers and external labels.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/status/config</c>. Evidence keeps structure only (URLs redacted).</remarks>
internal static class ConfigReadable
{
    public static readonly ProbeId Id = new("PROM-010", "config-readable");

    public static Probe Definition { get; } = new(Id, "leakage", "The running configuration is readable",
        "Block /api/v1/status/config and /config at the reverse proxy and require authentication.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var yaml = await context.ConfigYamlAsync(ct).ConfigureAwait(false);
        if (!yaml.Ok)
        {
            return context.Blocker is null && yaml.Refused
                ? ProbeResult.Clear($"the configuration is not readable ({yaml.Problem})")
                : ProbeResult.Inconclusive(yaml.Problem);
        }

        var config = ConfigDocument.Parse(yaml.Value!);
        var jobs = config.Sequence("scrape_configs").Select(j => ConfigDocument.Scalar(j, "job_name")).ToList();
        var sd = config.Sequence("scrape_configs").SelectMany(ConfigDocument.Keys).Where(k => k.EndsWith("_sd_configs", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();
        var files = config.Scalars.Where(s => s.Key.EndsWith("_file", StringComparison.Ordinal) || s.Key == "rule_files" || s.Parents.Contains("rule_files"))
            .Select(s => s.Value).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var urls = config.Scalars.Where(s => s.Key is "url" or "api_server" && s.Value.Contains("://", StringComparison.Ordinal))
            .Select(s => $"{s.Path}: {UrlRedactor.Redact(s.Value)}").ToList();
        var alertmanagers = config.Scalars.Where(s => s.Parents.Contains("alertmanagers") && s.Parents.Contains("targets")).Select(s => s.Value).ToList();

        var evidence = new List<string> { $"{jobs.Count} scrape jobs: {string.Join(", ", jobs)}" };
        if (sd.Count > 0)
        {
            evidence.Add($"service discovery: {string.Join(", ", sd)}");
        }

        evidence.AddRange(files.Select(f => $"file path: {f}"));
        evidence.AddRange(urls);
        evidence.AddRange(alertmanagers.Select(a => $"alertmanager: {a}"));
        return ProbeResult.Exposed($"the configuration is readable ({jobs.Count} scrape jobs)", evidence);
    }
}
