using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-102. Node kernel and OS fingerprint, matched against kernel ranges such as Dirty Pipe
/// (CVE-2022-0847). Matches are "possible" only: distro kernels backport fixes.
/// </summary>
/// <remarks>Requests: POST queries on <c>kube_node_info</c>, <c>node_uname_info</c>, <c>node_os_info</c>.</remarks>
internal static class NodeOsFingerprint
{
    public static readonly ProbeId Id = new("K8S-102", "node-os-fingerprint");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Node kernels and operating systems are disclosed",
        "Patch the nodes; drop node_uname_info and node_os_info with metric_relabel_configs if they are not needed, and require authentication.",
        RunAsync)
    {
        Limitations = "Kernel matches ignore distro backports and are reported as possible.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (node, kernel_version, os_image) (kube_node_info)",
            "group by (instance, nodename, release, version) (node_uname_info)",
            "group by (instance, id, version_id, pretty_name) (node_os_info)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        var evidence = new List<string>();
        string Kernel(string release) => TagVersion.TryParse(release, out var v)
            ? string.Concat(context.Rules.Kernels.Where(k => k.Affects(v)).Select(k => $" (possible {k.Advisory})"))
            : "";
        foreach (var s in results[0])
        {
            context.NoteHost(s["node"]);
            evidence.Add($"node {s["node"]}: kernel {s["kernel_version"]}, {s["os_image"]}{Kernel(s["kernel_version"])}");
        }

        foreach (var s in results[1])
        {
            context.NoteHost(s["nodename"]);
            evidence.Add($"{s["nodename"]} ({s["instance"]}): uname {s["release"]} {s["version"]}{Kernel(s["release"])}");
        }

        evidence.AddRange(results[2].Select(s => $"{s["instance"]}: {s["pretty_name"]}"));
        return evidence.Count == 0
            ? ProbeResult.Clear("no kernel or OS version is disclosed")
            : ProbeResult.Exposed($"{evidence.Count} kernel/OS fingerprint(s) disclosed", evidence);
    }
}
