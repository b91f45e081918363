using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-101. Control-plane, kubelet and runtime versions: EOL Kubernetes minors, runtimes older than
/// the runc CVE-2024-21626 fix (possible only: distros backport), kubelet/API-server skew.
/// </summary>
/// <remarks>Requests: POST queries on <c>kubernetes_build_info</c> and <c>kube_node_info</c>.
/// Elevated when a version is outside the support window or a runtime rule matches.</remarks>
internal static class ControlPlaneVersions
{
    public static readonly ProbeId Id = new("K8S-101", "control-plane-versions");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Kubernetes component versions are disclosed",
        "Upgrade to a supported Kubernetes minor and a patched runtime; drop kube_node_info with --metric-denylist if it is not needed, and require authentication.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (job, instance, git_version) (kubernetes_build_info)",
            "group by (node, kubelet_version, kubeproxy_version, container_runtime_version) (kube_node_info)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var evidence = new List<string>();
        var elevated = false;
        foreach (var s in results[0])
        {
            var unsupported = context.Rules.IsUnsupportedKubernetes(s["git_version"]);
            elevated |= unsupported;
            evidence.Add($"{s["job"]} {s["instance"]}: {s["git_version"]}{(unsupported ? $" (outside the support window, rules of {context.Rules.Date})" : "")}");
        }

        foreach (var s in results[1])
        {
            context.NoteHost(s["node"]);
            var unsupported = context.Rules.IsUnsupportedKubernetes(s["kubelet_version"]);
            var runtime = s["container_runtime_version"];
            var runtimeRules = context.Rules.Runtimes.Where(r => runtime.StartsWith(r.Prefix, StringComparison.Ordinal)
                && TagVersion.TryParse(runtime[r.Prefix.Length..], out var v) && r.Affects(v)).ToList();
            elevated |= unsupported || runtimeRules.Count > 0;
            evidence.Add($"node {s["node"]}: kubelet {s["kubelet_version"]}, kube-proxy {s["kubeproxy_version"]}, runtime {runtime}"
                + (unsupported ? " (kubelet outside the support window)" : "")
                + string.Concat(runtimeRules.Select(r => $" (possible {r.Advisory})")));
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("no Kubernetes component version is disclosed")
            : ProbeResult.Exposed($"{evidence.Count} component version(s) disclosed", evidence, elevated);
    }
}
