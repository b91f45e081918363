using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-108. Secrets in label and annotation values: connection strings, tokens and whole
/// <c>last-applied-configuration</c> manifests that kube-state-metrics copies from annotations
/// when its allow-lists are wide. Only the label, detector, length and fingerprint are reported.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/labels</c>, then for each suspicious label name (at most 20)
/// POST <c>topk(200, count by (name) ({name!=""}))</c>. Elevated on a credential pattern or a
/// last-applied-configuration blob.</remarks>
internal static partial class LabelValueLeakage
{
    public static readonly ProbeId Id = new("K8S-108", "label-value-leakage");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Secrets in label and annotation values",
        "Narrow kube-state-metrics --metric-labels-allowlist and --metric-annotations-allowlist (never *), labeldrop annotation_.* with metric_relabel_configs, and remove secrets from the annotations themselves.",
        RunAsync)
    {
        Limitations = "Scans at most 20 suspicious label names and the 200 most frequent values of each.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (evidence, strong, names, problem) = await LabelValueScan.RunAsync(context, Suspicious(), (name, value, location) =>
        {
            if (name.Contains("last_applied_configuration", StringComparison.Ordinal))
            {
                return ($"{location}: kubectl-last-applied, length {value.Length}, fingerprint {context.Secrets.Fingerprint(value)}; {LabelValueScan.DescribeBlob(value)}", true);
            }

            // Identity labels such as "secret" name an object; only annotation values can hold a named secret.
            return context.Secrets.Scan(location, name, value) is { } hit && (hit.Strong || name.StartsWith("annotation_", StringComparison.Ordinal))
                ? (hit.ToString(), hit.Strong)
                : null;
        }, ct).ConfigureAwait(false);

        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        return evidence.Count == 0
            ? ProbeResult.Clear($"{names} suspicious label name(s) checked, no secret-like value found")
            : ProbeResult.Exposed($"{evidence.Count} secret-like label value(s)", evidence, strong);
    }

    [GeneratedRegex("^annotation_|pass|secret|token|key|dsn|conn|auth|cred")]
    private static partial Regex Suspicious();
}
