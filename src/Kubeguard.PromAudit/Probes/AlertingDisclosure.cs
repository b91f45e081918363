using System.Text.Json;
using Kubeguard.PromAudit.Redaction;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-015. Rules, alerts and Alertmanagers are readable: alert thresholds tell an attacker what
/// would page someone, rule-file paths reveal the layout, and Alertmanager URLs are new targets.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/rules</c>, <c>/api/v1/alerts</c>, <c>/api/v1/alertmanagers</c>.
/// Alertmanagers are reported, never contacted.</remarks>
internal static class AlertingDisclosure
{
    public static readonly ProbeId Id = new("PROM-015", "alerting-disclosure");

    public static Probe Definition { get; } = new(Id, "leakage", "Alerting rules, alerts and Alertmanagers are readable",
        "Require authentication at the reverse proxy and make sure Alertmanager itself is protected (it lets anyone create silences otherwise).",
        RunAsync)
    {
        Limitations = "Alertmanagers are listed, never contacted, so whether they require authentication is not tested.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var rules = await context.DataAsync("/api/v1/rules", ct).ConfigureAwait(false);
        var alerts = await context.DataAsync("/api/v1/alerts", ct).ConfigureAwait(false);
        var managers = await context.DataAsync("/api/v1/alertmanagers", ct).ConfigureAwait(false);
        if (!rules.Ok && !alerts.Ok && !managers.Ok)
        {
            return context.Blocker is null && rules.HttpStatus == 404
                ? ProbeResult.Clear("rules, alerts and Alertmanagers are not readable")
                : ProbeResult.Inconclusive(rules.Problem);
        }

        var evidence = new List<string>();
        if (rules.Value is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array)
        {
            var files = groups.EnumerateArray().Select(g => g.TryGetProperty("file", out var f) ? f.ToString() : "").Where(f => f.Length > 0).Distinct().ToList();
            var count = groups.EnumerateArray().Sum(g => g.TryGetProperty("rules", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0);
            if (count > 0)
            {
                evidence.Add($"{count} rule(s) in {groups.GetArrayLength()} group(s); files: {string.Join(", ", files)}");
            }
        }

        if (alerts.Value is { ValueKind: JsonValueKind.Object } a && a.TryGetProperty("alerts", out var list2) && list2.ValueKind == JsonValueKind.Array && list2.GetArrayLength() > 0)
        {
            var names = list2.EnumerateArray().Select(x => x.TryGetProperty("labels", out var l) && l.TryGetProperty("alertname", out var n) ? n.ToString() : "?").Distinct().Order(StringComparer.Ordinal);
            evidence.Add($"{list2.GetArrayLength()} alert(s) pending or firing: {string.Join(", ", names)}");
        }

        if (managers.Value is { ValueKind: JsonValueKind.Object } m)
        {
            foreach (var state in new[] { "activeAlertmanagers", "droppedAlertmanagers" })
            {
                if (m.TryGetProperty(state, out var ams) && ams.ValueKind == JsonValueKind.Array)
                {
                    evidence.AddRange(ams.EnumerateArray().Select(x => $"alertmanager ({state[..^13]}): {UrlRedactor.Redact(x.TryGetProperty("url", out var u) ? u.ToString() : "?")}"));
                }
            }
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("the alerting endpoints answer but hold no rules, alerts or Alertmanagers")
            : ProbeResult.Exposed("alerting rules, alerts or Alertmanagers are disclosed", evidence);
    }
}
