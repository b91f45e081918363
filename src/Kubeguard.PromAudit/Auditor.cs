using System.Collections.Immutable;
using System.Text.Json;
using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Redaction;
using Kubeguard.Reporting;
using YamlDotNet.Core;

namespace Kubeguard.PromAudit;

/// <summary>Runs the probe catalogue against one server, one request at a time, and builds the report.</summary>
public static class Auditor
{
    /// <summary>Audits the server behind <paramref name="client"/>; <paramref name="afterProbe"/> sees each finding with the context it was made in.</summary>
    public static async Task<AuditReport> RunAsync(PrometheusClient client, AuditOptions options, TimeProvider time, CancellationToken cancellationToken, TlsObservation? tls = null, Action<AuditFinding, AuditContext>? afterProbe = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var started = time.GetUtcNow();
        var context = new AuditContext(client, options.Rules, options.FingerprintKey is { } key ? new SecretScanner(key.ToArray()) : new SecretScanner(), tls);
        var version = await PreflightAsync(context, cancellationToken).ConfigureAwait(false);
        context.ServerVersion = version;

        var findings = ImmutableArray.CreateBuilder<AuditFinding>();
        foreach (var probe in options.Probes ?? ProbeCatalog.BuiltIn)
        {
            context.BeginProbe();
            ProbeResult result;
            try
            {
                result = await probe.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException or YamlException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                result = ProbeResult.Inconclusive($"the server's answer could not be read: {ex.Message}");
            }

            var finding = new AuditFinding(probe.Id, probe.Category, probe.Title, result.Outcome,
                result.Outcome == ProbeOutcome.Exposed ? options.Severities.For(probe.Id, result.Elevated) : Severity.Info,
                result.Summary, result.Evidence, probe.Remediation);
            afterProbe?.Invoke(finding, context);
            findings.Add(finding);
        }

        var target = UrlRedactor.Redact(client.BaseUri.ToString());
        var list = findings.ToImmutable();
        if (options.RedactInfrastructure)
        {
            var infra = new InfraRedactor();
            foreach (var host in context.Hosts)
            {
                infra.AddHost(host);
            }

            target = infra.Redact(target);
            list = [.. list.Select(f => f with { Summary = infra.Redact(f.Summary), Evidence = [.. f.Evidence.Select(infra.Redact)] })];
        }

        return new AuditReport(target, version, options.Rules.Date, started, time.GetUtcNow() - started,
            context.Blocker ?? "", list, [.. client.Requests]);
    }

    /// <summary>
    /// Establishes that the URL is a usable Prometheus API (buildinfo, then <c>/version</c>, then a
    /// trivial query). Sets <see cref="AuditContext.Blocker"/> with a specific reason when it is not.
    /// </summary>
    private static async Task<string> PreflightAsync(AuditContext context, CancellationToken ct)
    {
        var buildinfo = await context.GetAsync("/api/v1/status/buildinfo", ct).ConfigureAwait(false);
        if (buildinfo.Failure != FailureKind.None || buildinfo.Status is 401 or 403)
        {
            context.Blocker = buildinfo.Describe();
            return "";
        }

        if (Version(buildinfo) is { } v)
        {
            return v;
        }

        var legacy = await context.GetAsync("/version", ct).ConfigureAwait(false);
        if (Version(legacy) is { } lv)
        {
            return lv;
        }

        var query = await context.QueryAsync("vector(1)", ct).ConfigureAwait(false);
        if (query.Ok)
        {
            return "";
        }

        buildinfo.TryData(out var problem);
        context.Blocker = $"not a Prometheus API: GET /api/v1/status/buildinfo: {problem}";
        return "";
    }

    private static string? Version(ApiResponse response)
    {
        if (response.TryData(out _) is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        if (response.IsSuccess)
        {
            try
            {
                using var doc = JsonDocument.Parse(response.Body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("version", out var lv) && lv.ValueKind == JsonValueKind.String)
                {
                    return lv.GetString();
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }
}
