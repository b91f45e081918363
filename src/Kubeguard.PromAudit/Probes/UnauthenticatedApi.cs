using Kubeguard.PromAudit.Http;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-001. The HTTP API answers without credentials. Prometheus has no authorization of its own:
/// whoever reaches the port reads every series, the configuration and debug data.
/// </summary>
/// <remarks>
/// Requests: GET <c>/api/v1/status/buildinfo</c> without the auditor's credentials (fallback: the
/// authenticated answer). Clear when the anonymous request gets 401/403. Internet reachability (which
/// would raise the severity) cannot be judged from where the auditor runs; it is not assessed.
/// </remarks>
internal static class UnauthenticatedApi
{
    public static readonly ProbeId Id = new("PROM-001", "unauthenticated-api");

    public static Probe Definition { get; } = new(Id, "exposure", "The HTTP API answers without authentication",
        "Put authentication in front: --web.config.file with basic_auth_users (bcrypt) and tls_server_config (Prometheus 2.37.4/2.40.4 or newer), or a reverse proxy such as kube-rbac-proxy or oauth2-proxy with Prometheus bound to 127.0.0.1; allow ingress only from Grafana and the monitoring namespace with a NetworkPolicy.",
        RunAsync)
    {
        Limitations = "Whether the server is reachable from the internet is not assessed.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var response = context.Client.Settings.Authorization is null
            ? await context.GetAsync("/api/v1/status/buildinfo", ct).ConfigureAwait(false)
            : await context.GetAnonymousAsync("/api/v1/status/buildinfo", ct).ConfigureAwait(false);

        if (response.Failure != FailureKind.None)
        {
            return ProbeResult.Inconclusive(response.Describe());
        }

        if (response.Status is 401 or 403)
        {
            var challenge = response.Header("WWW-Authenticate");
            return ProbeResult.Clear($"requests without credentials are rejected ({response.Status})",
                [$"GET /api/v1/status/buildinfo without credentials: {response.Status}" + (challenge is null ? "" : $", WWW-Authenticate: {challenge}")]);
        }

        if (response.IsSuccess && context.Blocker is null)
        {
            return ProbeResult.Exposed("the API answers anonymous requests",
                [$"GET /api/v1/status/buildinfo without credentials: {response.Status}, no WWW-Authenticate challenge"]);
        }

        return ProbeResult.Inconclusive(context.Blocker ?? response.Describe());
    }
}
