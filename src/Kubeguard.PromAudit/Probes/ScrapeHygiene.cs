using Kubeguard.PromAudit.Config;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-016. Scrape hygiene read from the configuration: TLS verification switched off,
/// <c>honor_labels: true</c> on service-discovered jobs (targets can overwrite labels), plain-HTTP
/// scrapes of kubelet, etcd or the API server.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/status/config</c> (shared). Elevated for plain-HTTP control-plane scrapes.</remarks>
internal static class ScrapeHygiene
{
    public static readonly ProbeId Id = new("PROM-016", "scrape-hygiene");

    private static readonly string[] ControlPlane = ["kubelet", "etcd", "apiserver", "kube-scheduler", "controller-manager", "cadvisor"];

    public static Probe Definition { get; } = new(Id, "leakage", "Weak scrape settings in the configuration",
        "Verify TLS with a proper CA instead of insecure_skip_verify, keep honor_labels to trusted sources such as federation and the Pushgateway, and scrape control-plane components over HTTPS.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var yaml = await context.ConfigYamlAsync(ct).ConfigureAwait(false);
        if (!yaml.Ok)
        {
            return ProbeResult.Inconclusive(yaml.Problem);
        }

        var config = ConfigDocument.Parse(yaml.Value!);
        var evidence = config.Scalars.Where(s => s.Key == "insecure_skip_verify" && s.Value == "true").Select(s => $"{s.Path}: true").ToList();
        var elevated = false;
        foreach (var job in config.Sequence("scrape_configs"))
        {
            var name = ConfigDocument.Scalar(job, "job_name");
            var discovered = ConfigDocument.Keys(job).Any(k => k.EndsWith("_sd_configs", StringComparison.Ordinal) && k != "static_configs" && k != "file_sd_configs");
            if (discovered && ConfigDocument.Scalar(job, "honor_labels") == "true")
            {
                evidence.Add($"job {name}: honor_labels: true on service-discovered targets");
            }

            if (ConfigDocument.Scalar(job, "scheme") is "" or "http" && ControlPlane.Any(c => name.Contains(c, StringComparison.OrdinalIgnoreCase)))
            {
                evidence.Add($"job {name}: control-plane component scraped over plain HTTP");
                elevated = true;
            }
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("no weak scrape setting found")
            : ProbeResult.Exposed($"{evidence.Count} weak scrape setting(s)", evidence, elevated);
    }
}
