using System.Globalization;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-002. The server is served over plain HTTP: queries, answers and any credentials travel in clear.
/// </summary>
/// <remarks>Requests: none beyond the preflight; reads the URL scheme and the TLS certificate seen.
/// Elevated when the auditor itself sends basic-auth credentials over plain HTTP.</remarks>
internal static class PlainHttp
{
    public static readonly ProbeId Id = new("PROM-002", "plain-http");

    public static Probe Definition { get; } = new(Id, "exposure", "The server is served over plain HTTP",
        "Serve TLS with tls_server_config in --web.config.file, or terminate TLS at the reverse proxy.",
        RunAsync);

    private static Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker && context.Client.Requests.All(r => r.Status == 0))
        {
            return Task.FromResult(ProbeResult.Inconclusive(blocker));
        }

        if (context.Client.BaseUri.Scheme == Uri.UriSchemeHttp)
        {
            var basic = context.Client.Settings.UsesBasicAuth;
            return Task.FromResult(ProbeResult.Exposed(
                basic ? "basic-auth credentials travel over plain HTTP" : "the API is served over plain HTTP",
                ["scheme: http"], elevated: basic));
        }

        var evidence = new List<string> { "scheme: https" };
        if (context.Tls.Subject is { } subject)
        {
            evidence.Add($"certificate subject: {subject}");
        }

        if (context.Tls.NotAfter is { } notAfter)
        {
            evidence.Add($"certificate expires: {notAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        return Task.FromResult(ProbeResult.Clear("the API is served over TLS", evidence));
    }
}
