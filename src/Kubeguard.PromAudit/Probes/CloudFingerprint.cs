namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-103. Cloud provider, region, zone and instance types from <c>provider_id</c> and node
/// labels. Instance IDs are shown as a prefix only.
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_node_info</c> and <c>kube_node_labels</c>.</remarks>
internal static class CloudFingerprint
{
    public static readonly ProbeId Id = new("K8S-103", "cloud-fingerprint");

    private static readonly string[] CloudLabels =
    [
        "label_topology_kubernetes_io_region", "label_topology_kubernetes_io_zone", "label_node_kubernetes_io_instance_type",
        "label_failure_domain_beta_kubernetes_io_region", "label_beta_kubernetes_io_instance_type",
    ];

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Cloud provider, regions and instance types are disclosed",
        "Restrict kube-state-metrics --metric-labels-allowlist for nodes and drop provider_id where it is not needed.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (node, provider_id) (kube_node_info)",
            "kube_node_labels").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var evidence = new List<string>();
        foreach (var s in results[0].Where(s => s["provider_id"].Length > 0))
        {
            var id = s["provider_id"];
            var cut = id.LastIndexOf('/');
            var tail = id[(cut + 1)..];
            var masked = id[..(cut + 1)] + (tail.Length > 4 ? tail[..4] + "…" : tail);
            evidence.Add($"node {s["node"]}: provider {masked}");
        }

        foreach (var s in results[1])
        {
            var labels = CloudLabels.Where(l => s[l].Length > 0).Select(l => $"{l["label_".Length..]}={s[l]}").ToList();
            if (labels.Count > 0)
            {
                evidence.Add($"node {s["node"]}: {string.Join(", ", labels)}");
            }
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("no cloud identity is disclosed")
            : ProbeResult.Exposed($"cloud identity disclosed for {evidence.Count} node record(s)", evidence);
    }
}
