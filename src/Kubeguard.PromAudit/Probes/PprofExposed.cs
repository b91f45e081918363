using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-023. The Go profiler is exposed under <c>/debug/pprof/</c>. It cannot be switched off in
/// Prometheus; CPU profiles and traces are a denial-of-service lever and heap dumps leak internals.
/// </summary>
/// <remarks>Requests: GET <c>/debug/pprof/</c> (the index only). Profiles and traces are never requested.</remarks>
internal static partial class PprofExposed
{
    public static readonly ProbeId Id = new("PROM-023", "pprof-exposed");

    public static Probe Definition { get; } = new(Id, "capability", "The Go profiler (pprof) is exposed",
        "Block /debug/ at the reverse proxy, or enable web.config authentication, which also covers /debug/pprof.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var index = await context.GetAsync("/debug/pprof/", ct).ConfigureAwait(false);
        if (index.IsSuccess)
        {
            var profiles = ProfileLink().Matches(index.Text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
            return ProbeResult.Exposed("the profiler index answers", [$"GET /debug/pprof/: {index.Status}; profiles: {string.Join(", ", profiles)}"]);
        }

        return index.Failure == Http.FailureKind.None && index.Status is 401 or 403 or 404
            ? ProbeResult.Clear($"the profiler is not reachable ({index.Describe()})")
            : ProbeResult.Inconclusive(index.Describe());
    }

    [GeneratedRegex(@"href=['""]?([a-z_]+)\?")]
    private static partial Regex ProfileLink();
}
