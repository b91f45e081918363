namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-100. Which exporters feed the server (kube-state-metrics, node-exporter, cAdvisor, API
/// server, etcd, CoreDNS, ingress controllers, cert-manager…): the map of what else can be read.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/label/__name__/values</c>.</remarks>
internal static class ExporterInventory
{
    public static readonly ProbeId Id = new("K8S-100", "exporter-inventory");

    private static readonly string[] Families = ["kube_", "node_", "container_", "kubelet_", "apiserver_", "etcd_", "coredns_", "nginx_ingress_", "certmanager_", "kubernetes_", "scheduler_", "workqueue_"];

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Exporter inventory is readable",
        "Require authentication for the query and label APIs (see PROM-001); drop exporter families you do not use.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var names = await context.StringListAsync("/api/v1/label/__name__/values", ct).ConfigureAwait(false);
        if (!names.Ok)
        {
            return ProbeResult.Inconclusive(names.Problem);
        }

        var counts = Families.Select(f => (Family: f, Count: names.Value!.Count(n => n.StartsWith(f, StringComparison.Ordinal)))).Where(c => c.Count > 0).ToList();
        return counts.Count == 0
            ? ProbeResult.Clear($"{names.Value!.Count} metric names, none from Kubernetes exporters")
            : ProbeResult.Exposed($"{names.Value!.Count} metric names reveal {counts.Count} exporter families",
                counts.Select(c => $"{c.Family}*: {c.Count} metric names"));
    }
}
