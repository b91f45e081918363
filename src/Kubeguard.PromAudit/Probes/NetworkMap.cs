namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-104. The network map: pod and host IPs, node IPs and pod CIDRs, service cluster IPs, and
/// pods on the host network.
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_pod_info</c>, <c>kube_node_info</c>, <c>kube_service_info</c>.</remarks>
internal static class NetworkMap
{
    public static readonly ProbeId Id = new("K8S-104", "network-map");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Pod, node and service addresses are disclosed",
        "Require authentication for the query API; deny kube_pod_ips and similar with --metric-denylist if they are not needed.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (namespace, pod, node, pod_ip, host_ip, host_network) (kube_pod_info)",
            "group by (node, internal_ip, pod_cidr) (kube_node_info)",
            "group by (namespace, service, cluster_ip) (kube_service_info)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var (pods, nodes, services) = (results[0], results[1], results[2]);
        var evidence = new List<string>();
        if (pods.Count > 0)
        {
            evidence.Add($"{pods.Count} pods with IPs across {pods.Select(p => p["node"]).Distinct().Count()} node(s)");
            var hostNetwork = pods.Where(p => p["host_network"] == "true").Select(p => $"{p["namespace"]}/{p["pod"]}").ToList();
            if (hostNetwork.Count > 0)
            {
                evidence.Add($"host-network pods: {Recon.List(hostNetwork)}");
            }
        }

        if (nodes.Count > 0)
        {
            evidence.Add($"node addresses: {Recon.List(nodes.Select(n => n["internal_ip"]))}; pod CIDRs: {Recon.List(nodes.Select(n => n["pod_cidr"]))}");
        }

        if (services.Count > 0)
        {
            evidence.Add($"{services.Count} services with cluster IPs: {Recon.List(services.Select(s => s["cluster_ip"]), 5)}");
        }

        foreach (var n in pods.Select(p => p["node"]).Concat(nodes.Select(n => n["node"])))
        {
            context.NoteHost(n);
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("no addressing is disclosed")
            : ProbeResult.Exposed("the cluster network map is disclosed", evidence);
    }
}
