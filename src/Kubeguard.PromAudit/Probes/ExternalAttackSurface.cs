namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-105. The external attack surface: NodePort and LoadBalancer services, load-balancer ingress
/// IPs and host names, external IPs, ingress hosts and paths. Elevated when a namespace with an
/// exposed entry point also runs an image with a known-exploitable rule hit (K8S-106).
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_service_spec_type</c>, <c>kube_service_status_load_balancer_ingress</c>,
/// <c>kube_ingress_path</c>, <c>kube_service_spec_external_ip</c>, and the image inventory of K8S-106.</remarks>
internal static class ExternalAttackSurface
{
    public static readonly ProbeId Id = new("K8S-105", "external-attack-surface");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Externally reachable services and ingresses are disclosed",
        "Reduce external exposure, put a WAF in front of public entry points, patch the images behind them, and require authentication for the query API.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (namespace, service, type) (kube_service_spec_type{type=~\"NodePort|LoadBalancer\"})",
            "group by (namespace, service, ip, hostname) (kube_service_status_load_balancer_ingress)",
            "group by (namespace, ingress, host, path, service_name) (kube_ingress_path)",
            "group by (namespace, service, external_ip) (kube_service_spec_external_ip)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var evidence = new List<string>();
        evidence.AddRange(results[0].Select(s => $"service {s["namespace"]}/{s["service"]}: {s["type"]}"));
        evidence.AddRange(results[1].Select(s => $"service {s["namespace"]}/{s["service"]}: load balancer {string.Join(" ", new[] { s["ip"], s["hostname"] }.Where(v => v.Length > 0))}"));
        evidence.AddRange(results[2].Select(s => $"ingress {s["namespace"]}/{s["ingress"]}: {s["host"]}{s["path"]} -> {s["service_name"]}"));
        evidence.AddRange(results[3].Select(s => $"service {s["namespace"]}/{s["service"]}: external IP {s["external_ip"]}"));
        foreach (var host in results[1].Select(s => s["hostname"]).Concat(results[2].Select(s => s["host"])))
        {
            context.NoteHost(host);
        }

        if (evidence.Count == 0)
        {
            return ProbeResult.Clear("no NodePort, LoadBalancer, external IP or ingress is disclosed");
        }

        var exposedNamespaces = results.SelectMany(r => r).Select(s => s["namespace"]).ToHashSet(StringComparer.Ordinal);
        var risky = (await ImageInventory.RisksAsync(context, ct).ConfigureAwait(false))
            .Where(r => r.IsSerious && r.Workloads.Any(w => exposedNamespaces.Contains(w.Split('/')[0])))
            .ToList();
        evidence.AddRange(risky.Select(r => $"exposed namespace runs {r}"));
        return ProbeResult.Exposed($"{evidence.Count - risky.Count} external entry point(s) disclosed", evidence, risky.Count > 0);
    }
}
