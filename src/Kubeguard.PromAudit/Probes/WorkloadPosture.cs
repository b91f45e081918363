namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-109. Workload posture hints: host-network pods, namespaces enforcing the privileged Pod
/// Security level, service accounts with admin-like names, crash-looping or unpullable containers,
/// containers without limits. Elevated for host-network pods or privileged namespaces.
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_pod_info</c>, <c>kube_namespace_labels</c>,
/// <c>kube_pod_service_account</c> (newer kube-state-metrics), <c>kube_pod_container_status_waiting_reason</c>,
/// <c>kube_pod_container_info</c> and <c>kube_pod_container_resource_limits</c>.</remarks>
internal static class WorkloadPosture
{
    public static readonly ProbeId Id = new("K8S-109", "workload-posture");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Weak workload posture is visible",
        "Enforce Pod Security Admission (baseline or restricted), set resource limits, and give workloads least-privilege service accounts.",
        RunAsync)
    {
        Limitations = "Service accounts need a kube-state-metrics that exports kube_pod_service_account.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (r, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (namespace, pod) (kube_pod_info{host_network=\"true\"})",
            "group by (namespace) (kube_namespace_labels{label_pod_security_kubernetes_io_enforce=\"privileged\"})",
            "group by (namespace, pod, service_account) (kube_pod_service_account{service_account=~\".*admin.*|default\"})",
            "group by (namespace, pod, container, reason) (kube_pod_container_status_waiting_reason)",
            "group by (namespace, pod, container) (kube_pod_container_info) unless on (namespace, pod, container) group by (namespace, pod, container) (kube_pod_container_resource_limits)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var evidence = new List<string>();
        void Add(string label, IReadOnlyList<Series> rows, Func<Series, string> text)
        {
            if (rows.Count > 0)
            {
                evidence.Add($"{label} ({rows.Count}): {Recon.List(rows.Select(text))}");
            }
        }

        Add("host-network pods", r[0], s => $"{s["namespace"]}/{s["pod"]}");
        Add("privileged namespaces", r[1], s => s["namespace"]);
        Add("admin-like or default service accounts", r[2], s => $"{s["namespace"]}/{s["pod"]} as {s["service_account"]}");
        Add("waiting containers", r[3], s => $"{s["namespace"]}/{s["pod"]}/{s["container"]} {s["reason"]}");
        Add("containers without limits", r[4], s => $"{s["namespace"]}/{s["pod"]}/{s["container"]}");
        return evidence.Count == 0
            ? ProbeResult.Clear("no posture hint is visible")
            : ProbeResult.Exposed($"{evidence.Count} kind(s) of weak posture visible", evidence, r[0].Count + r[1].Count > 0);
    }
}
