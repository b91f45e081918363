namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-013. Dropped targets keep their full discovered label sets: with Kubernetes service
/// discovery that is an inventory of every pod, service and endpoint, labels and annotations.
/// </summary>
/// <remarks>
/// Requests: POST query <c>sum by (config) (prometheus_sd_discovered_targets{name="scrape"})</c> (needs the
/// server to scrape itself) and the active targets first; only when discovered exceeds
/// active, GET <c>/api/v1/targets?state=dropped&amp;scrapePool=…</c> per pool under the targets size
/// cap. <c>keep_dropped_targets</c> (the fix) only exists from Prometheus 2.47.
/// </remarks>
internal static class DroppedTargetInventory
{
    public static readonly ProbeId Id = new("PROM-013", "dropped-target-inventory");

    public static Probe Definition { get; } = new(Id, "leakage", "Dropped targets expose the discovered inventory",
        "Set keep_dropped_targets to a small number (Prometheus 2.47+) and narrow service-discovery roles, namespaces and selectors.",
        RunAsync)
    {
        Limitations = "keep_dropped_targets does not exist before 2.47, so a 2.42 server cannot be fixed by configuration alone.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var discovered = await context.QueryAsync("sum by (config) (prometheus_sd_discovered_targets{name=\"scrape\"})", ct).ConfigureAwait(false);
        var active = await context.TargetsAsync("active", ct).ConfigureAwait(false);
        if (!discovered.Ok || !active.Ok)
        {
            return ProbeResult.Inconclusive(discovered.Ok ? active.Problem : discovered.Problem);
        }

        if (discovered.Value!.Count == 0)
        {
            return ProbeResult.Inconclusive("prometheus_sd_discovered_targets is absent (the server does not scrape itself), so dropped targets cannot be counted safely");
        }

        var activeByPool = active.Value!.GroupBy(t => t.Pool).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var pools = discovered.Value!
            .Select(s => (Pool: s["config"], Dropped: (int)s.Value - activeByPool.GetValueOrDefault(s["config"])))
            .Where(p => p.Pool.Length > 0 && p.Dropped > 0)
            .OrderBy(p => p.Pool, StringComparer.Ordinal)
            .ToList();
        if (pools.Count == 0)
        {
            return ProbeResult.Clear("no scrape pool has dropped targets");
        }

        var evidence = new List<string>();
        foreach (var (pool, dropped) in pools.Take(10))
        {
            var targets = await context.TargetsAsync("dropped", ct, pool).ConfigureAwait(false);
            var names = targets.Value?.SelectMany(t => t.Discovered.Keys).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
            var annotated = names.Count(n => n.Contains("annotation", StringComparison.Ordinal));
            var secrets = targets.Value?.SelectMany(t => t.Discovered).Count(p => context.Secrets.Scan(pool, p.Key, p.Value) is { Strong: true }) ?? 0;
            evidence.Add($"pool {pool}: {dropped} dropped target(s); discovered label names: {(targets.Ok ? string.Join(", ", names) : targets.Problem)}"
                + (annotated > 0 ? $"; {annotated} annotation label(s)" : "") + (secrets > 0 ? $"; {secrets} credential-like value(s)" : ""));
        }

        return ProbeResult.Exposed($"{pools.Sum(p => p.Dropped)} dropped target(s) keep their discovered labels", evidence);
    }
}
