using System.Text.Json;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-030. How far back an attacker can look (retention) and which metrics dominate the TSDB
/// (the biggest namespaces and pods).
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/status/runtimeinfo</c> and <c>/api/v1/status/tsdb</c>.</remarks>
internal static class HistoryWindow
{
    public static readonly ProbeId Id = new("PROM-030", "history-window");

    public static Probe Definition { get; } = new(Id, "leakage", "Retention and TSDB statistics are readable",
        "Keep retention to what you need and require authentication for /api/v1/status/.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var runtime = await context.DataAsync("/api/v1/status/runtimeinfo", ct).ConfigureAwait(false);
        var tsdb = await context.DataAsync("/api/v1/status/tsdb", ct).ConfigureAwait(false);
        if (!runtime.Ok && !tsdb.Ok)
        {
            return ProbeResult.Inconclusive(runtime.Problem);
        }

        var evidence = new List<string>();
        if (runtime.Value is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("storageRetention", out var retention))
        {
            evidence.Add($"storage retention: {retention}");
        }

        if (tsdb.Value is { ValueKind: JsonValueKind.Object } t)
        {
            if (t.TryGetProperty("headStats", out var head) && head.TryGetProperty("numSeries", out var series))
            {
                evidence.Add($"head series: {series}");
            }

            if (t.TryGetProperty("seriesCountByMetricName", out var top) && top.ValueKind == JsonValueKind.Array)
            {
                evidence.Add("top metrics: " + string.Join(", ", top.EnumerateArray().Take(5).Select(e => $"{e.GetProperty("name")} ({e.GetProperty("value")})")));
            }
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("retention and TSDB statistics are not disclosed")
            : ProbeResult.Exposed("retention and TSDB statistics are readable", evidence);
    }
}
