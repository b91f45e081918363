namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-111. API-server metrics reveal installed custom resources (operators such as Vault, Argo,
/// Istio) and deprecated APIs still in use.
/// </summary>
/// <remarks>Requests: POST queries on <c>apiserver_storage_objects</c> (older: <c>etcd_object_counts</c>)
/// and <c>apiserver_requested_deprecated_apis</c>.</remarks>
internal static class ApiserverInsight
{
    public static readonly ProbeId Id = new("K8S-111", "apiserver-insight");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Installed resources and deprecated APIs are disclosed",
        "Drop apiserver_storage_objects and apiserver_requested_deprecated_apis with metric_relabel_configs if this is sensitive, and require authentication.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (r, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (resource) (apiserver_storage_objects)",
            "group by (resource) (etcd_object_counts)",
            "group by (group, version, resource) (apiserver_requested_deprecated_apis)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var resources = r[0].Concat(r[1]).Select(s => s["resource"]).Distinct(StringComparer.Ordinal).ToList();
        var custom = resources.Where(x => x.Contains('.', StringComparison.Ordinal) && !x.EndsWith(".k8s.io", StringComparison.Ordinal)).ToList();
        var evidence = new List<string>();
        if (resources.Count > 0)
        {
            evidence.Add($"{resources.Count} stored resource types; custom: {(custom.Count == 0 ? "none" : Recon.List(custom))}");
        }

        evidence.AddRange(r[2].Select(s => $"deprecated API in use: {s["group"]}/{s["version"]} {s["resource"]}"));
        return evidence.Count == 0
            ? ProbeResult.Clear("no API-server inventory is disclosed")
            : ProbeResult.Exposed($"{custom.Count} custom resource type(s) and {r[2].Count} deprecated API(s) disclosed", evidence);
    }
}
