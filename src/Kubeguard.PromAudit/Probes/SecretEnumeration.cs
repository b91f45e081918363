using System.Globalization;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-107. Secret and ConfigMap names and types: where to aim once an attacker has RBAC or a pod
/// (service-account tokens, registry credentials, bootstrap tokens), and expired or expiring certificates.
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_secret_type</c>, <c>kube_configmap_info</c>,
/// <c>kube_secret_tls_cert_not_after_seconds</c> (newer kube-state-metrics only).</remarks>
internal static class SecretEnumeration
{
    public static readonly ProbeId Id = new("K8S-107", "secret-enumeration");

    private static readonly string[] HighValue = ["kubernetes.io/service-account-token", "kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg", "bootstrap.kubernetes.io/token", "kubernetes.io/tls"];

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Secret and ConfigMap names are enumerable",
        "Run kube-state-metrics with --resources without secrets and configmaps, or --metric-denylist=kube_secret_.*,kube_configmap_.*.",
        RunAsync)
    {
        Limitations = "Certificate expiry needs a kube-state-metrics that exports kube_secret_tls_cert_not_after_seconds.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (namespace, secret, type) (kube_secret_type)",
            "group by (namespace, configmap) (kube_configmap_info)",
            "min by (namespace, secret) (kube_secret_tls_cert_not_after_seconds)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var (secrets, configmaps, certs) = (results[0], results[1], results[2]);
        var evidence = new List<string>();
        if (secrets.Count > 0)
        {
            evidence.Add($"{secrets.Count} secrets by type: " + string.Join(", ", secrets.GroupBy(s => s["type"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            var valuable = secrets.Where(s => HighValue.Contains(s["type"])).Select(s => $"{s["namespace"]}/{s["secret"]}").ToList();
            if (valuable.Count > 0)
            {
                evidence.Add($"high-value secrets: {Recon.List(valuable)}");
            }
        }

        if (configmaps.Count > 0)
        {
            evidence.Add($"{configmaps.Count} config maps, e.g. {Recon.List(configmaps.Select(c => $"{c["namespace"]}/{c["configmap"]}"), 5)}");
        }

        evidence.AddRange(certs.Select(c => $"certificate in {c["namespace"]}/{c["secret"]} expires {DateTimeOffset.FromUnixTimeSeconds((long)c.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        return evidence.Count == 0
            ? ProbeResult.Clear("no secret or config map is enumerable")
            : ProbeResult.Exposed($"{secrets.Count} secret(s) and {configmaps.Count} config map(s) are enumerable", evidence);
    }
}
