using Kubeguard.PromAudit.Http;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>Runs the auditor the way the CLI does: real socket handler, gate, budgets.</summary>
internal static class Audit
{
    public static async Task<AuditReport> RunAsync(Uri target, ClientSettings? settings = null, AuditOptions? options = null, string? caFile = null, bool insecure = false, Action<AuditFinding, AuditContext>? afterProbe = null)
    {
        settings ??= new ClientSettings();
        var tls = new TlsObservation();
        using var client = new PrometheusClient(target, HandlerFactory.Create(settings.RequestTimeout, caFile, insecure, tls), settings);
        return await Auditor.RunAsync(client, options ?? new AuditOptions(), TimeProvider.System, CancellationToken.None, tls, afterProbe);
    }

    public static ClientSettings Basic(string user, string password) => new()
    {
        Authorization = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")),
        UsesBasicAuth = true,
    };

    public static IReadOnlyDictionary<string, ProbeOutcome> Outcomes(this AuditReport report) =>
        report.Findings.ToDictionary(f => f.Id.Code, f => f.Outcome);

    public static IReadOnlyList<string> Exposed(this AuditReport report) =>
        [.. report.Findings.Where(f => f.Outcome == ProbeOutcome.Exposed).Select(f => f.Id.Code)];
}
