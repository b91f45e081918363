namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-025. The remote-read endpoint (<c>/api/v1/read</c>) is always served by Prometheus; it has
/// no flag. Versions in the rules file (CVE-2026-42154) let an unauthenticated client exhaust memory.
/// </summary>
/// <remarks>
/// Requests: none of its own. The auditor never contacts <c>/api/v1/read</c> (not even a GET); it
/// infers the endpoint from the server being Prometheus and matches the version. Elevated on a match.
/// A compatible server that is not Prometheus is inconclusive.
/// </remarks>
internal static class RemoteReadReachable
{
    public static readonly ProbeId Id = new("PROM-025", "remote-read-reachable");

    public static Probe Definition { get; } = new(Id, "capability", "The remote-read endpoint is served",
        "Upgrade past CVE-2026-42154 and block /api/v1/read at the reverse proxy unless a remote reader needs it.",
        RunAsync)
    {
        Limitations = "Inferred from the version: the endpoint itself is never requested.",
    };

    private static Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.ServerVersion.Length == 0)
        {
            return Task.FromResult(ProbeResult.Inconclusive(context.Blocker ?? "the server does not report a Prometheus version"));
        }

        var matches = context.Rules.PrometheusAdvisories(context.ServerVersion, new HashSet<string>())
            .Where(a => a.Title.Contains("remote-read", StringComparison.Ordinal)).ToList();
        var evidence = new List<string> { $"Prometheus {context.ServerVersion} always serves /api/v1/read (not requested)" };
        evidence.AddRange(matches.Select(m => $"matches {m.Advisory}: {m.Title} (rules of {context.Rules.Date})"));
        return Task.FromResult(ProbeResult.Exposed(matches.Count > 0 ? "remote read is served by a vulnerable version" : "remote read is served", evidence, matches.Count > 0));
    }
}
