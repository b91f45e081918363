using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-112. Application data in labels: e-mail addresses, user names and tokens in URL paths and
/// queries recorded by application metrics (<c>path</c>, <c>url</c>, <c>uri</c>, <c>user</c>,
/// <c>email</c>, <c>query</c>). Elevated when a credential (not only personal data) is found.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/labels</c> and one <c>topk</c> query per matching label name.</remarks>
internal static partial class ApplicationDataInLabels
{
    public static readonly ProbeId Id = new("K8S-112", "application-data-in-labels");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Personal data and tokens in application labels",
        "Fix the instrumentation to use route templates instead of raw URLs and never label with user data; replace or labeldrop these labels with metric_relabel_configs.",
        RunAsync)
    {
        Limitations = "Scans at most 20 label names and the 200 most frequent values of each.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (evidence, strong, names, problem) = await LabelValueScan.RunAsync(context, AppLabel(), (name, value, location) =>
        {
            if (context.Secrets.Scan(location, null, value) is { } hit)
            {
                return (hit.ToString(), true);
            }

            if (TokenInQuery().Match(value) is { Success: true } token)
            {
                return ($"{location}: token in URL query '{token.Groups[1].Value}', length {value.Length}, fingerprint {context.Secrets.Fingerprint(value)}", true);
            }

            return Email().IsMatch(value)
                ? ($"{location}: e-mail address, length {value.Length}, fingerprint {context.Secrets.Fingerprint(value)}", false)
                : null;
        }, ct).ConfigureAwait(false);

        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        return evidence.Count == 0
            ? ProbeResult.Clear($"{names} application label name(s) checked, no personal data or token found")
            : ProbeResult.Exposed($"{evidence.Count} label value(s) carry personal data or tokens", evidence, strong);
    }

    [GeneratedRegex("^(path|url|uri|user|username|email|query|endpoint|route)$|_(path|url|uri|user|email|query)$")]
    private static partial Regex AppLabel();

    [GeneratedRegex(@"[?&]((?:access_)?token|key|apikey|secret|sig|signature|code|session|password)=[^&\s]{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex TokenInQuery();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
