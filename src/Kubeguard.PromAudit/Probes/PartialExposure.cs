namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-005. Which read endpoints answer: the reachability matrix. A filtering proxy that blocks
/// some paths but not others leaves a partial exposure; features hidden behind blocked paths are
/// "unknown", never "safe".
/// </summary>
/// <remarks>Requests: GETs other probes also make (cached), plus a trivial POST query.</remarks>
internal static class PartialExposure
{
    public static readonly ProbeId Id = new("PROM-005", "reachable-endpoints");

    private static readonly string[] Endpoints =
    [
        "/api/v1/status/buildinfo", "/api/v1/status/config", "/api/v1/status/flags", "/api/v1/status/runtimeinfo",
        "/api/v1/targets?state=active", "/api/v1/rules", "/api/v1/alerts", "/api/v1/label/__name__/values",
        "/debug/pprof/", "/federate",
    ];

    public static Probe Definition { get; } = new(Id, "exposure", "Read endpoints reachable without restriction",
        "Allow-list only the paths that are needed (/api/v1/query*, /api/v1/series, /api/v1/labels, /api/v1/label/*) at the reverse proxy, behind authentication.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var matrix = new List<string>();
        var open = 0;
        foreach (var path in Endpoints)
        {
            var response = await context.GetAsync(path, ct, path.StartsWith("/api/v1/targets", StringComparison.Ordinal) ? context.Client.Settings.MaxTargetsBytes : null).ConfigureAwait(false);
            open += response.IsSuccess ? 1 : 0;
            matrix.Add($"GET {path}: {(response.IsSuccess ? "open" : response.Describe())}");
        }

        var query = await context.QueryAsync("vector(1)", ct).ConfigureAwait(false);
        open += query.Ok ? 1 : 0;
        matrix.Add($"POST /api/v1/query: {(query.Ok ? "open" : query.Problem)}");

        return open == 0
            ? ProbeResult.Clear("no read endpoint answered", matrix)
            : ProbeResult.Exposed($"{open} of {Endpoints.Length + 1} read endpoints answer", matrix);
    }
}
