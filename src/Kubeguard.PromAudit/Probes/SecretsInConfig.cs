using Kubeguard.PromAudit.Config;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-011. Secrets left in configuration fields that Prometheus does not redact: scrape
/// <c>params</c>, remote-write <c>headers</c>, <c>http_headers</c>, <c>proxy_connect_header</c>, URL
/// userinfo and relabel replacements. Secret-typed fields (shown as <c>&lt;secret&gt;</c>) are fine.
/// </summary>
/// <remarks>
/// Requests: GET <c>/api/v1/status/config</c> (shared with PROM-010). Elevated when a value itself
/// looks like a credential. Evidence: location, detector, length and keyed fingerprint only.
/// </remarks>
internal static class SecretsInConfig
{
    public static readonly ProbeId Id = new("PROM-011", "secrets-in-config");

    private static readonly string[] UnredactedSections = ["params", "headers", "http_headers", "proxy_connect_header"];

    public static Probe Definition { get; } = new(Id, "leakage", "Unredacted secrets in the configuration",
        "Move secrets into secret-typed fields (authorization.credentials_file, basic_auth.password_file, oauth2.client_secret_file); never put them in params, headers, URLs or relabel replacements, and rotate the exposed ones.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var yaml = await context.ConfigYamlAsync(ct).ConfigureAwait(false);
        if (!yaml.Ok)
        {
            return ProbeResult.Inconclusive(yaml.Problem);
        }

        var hits = ConfigDocument.Parse(yaml.Value!).Scalars
            .Select(s => context.Secrets.Scan($"config {s.Path}", NameFor(s), s.Value))
            .OfType<Redaction.SecretHit>()
            .ToList();

        return hits.Count == 0
            ? ProbeResult.Clear("no unredacted secret found in the configuration")
            : ProbeResult.Exposed($"{hits.Count} unredacted secret value(s) in the configuration", hits.Select(h => h.ToString()), hits.Any(h => h.Strong));
    }

    /// <summary>Values under params/headers count as named by their key; others only by a matching key.</summary>
    private static string? NameFor(ConfigScalar scalar) =>
        scalar.Parents.Any(p => UnredactedSections.Contains(p)) ? scalar.Key
        : scalar.Key is "username" or "url" or "api_server" or "job_name" ? null
        : scalar.Key;
}
