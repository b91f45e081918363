namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-003. Permissive CORS: the default <c>--web.cors.origin='.*'</c> answers any Origin with
/// <c>Access-Control-Allow-Origin: *</c>, so a web page in a victim's browser can read the API.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/status/buildinfo</c> with <c>Origin: https://audit.invalid</c>.</remarks>
internal static class PermissiveCors
{
    public static readonly ProbeId Id = new("PROM-003", "permissive-cors");

    private const string Origin = "https://audit.invalid";

    public static Probe Definition { get; } = new(Id, "exposure", "CORS lets any web origin read the API",
        "Set --web.cors.origin to the exact Grafana origin, or strip CORS headers at the reverse proxy.",
        RunAsync)
    {
        Limitations = "One foreign Origin is tried; per-origin allow-lists at a proxy are judged by that one answer.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var response = await context.GetWithOriginAsync("/api/v1/status/buildinfo", Origin, ct).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return ProbeResult.Inconclusive(response.Describe());
        }

        var allow = response.Header("Access-Control-Allow-Origin");
        return allow is "*" or Origin
            ? ProbeResult.Exposed("a foreign web origin may read API answers", [$"Origin: {Origin} -> Access-Control-Allow-Origin: {allow}"])
            : ProbeResult.Clear("a foreign web origin is not allowed", [$"Origin: {Origin} -> Access-Control-Allow-Origin: {allow ?? "(absent)"}"]);
    }
}
