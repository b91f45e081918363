using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-110. Where the control plane lives: the addresses of API server, kubelet, etcd, scheduler
/// and controller-manager targets, scrapes over plain HTTP, and the read-only kubelet port 10255.
/// Elevated for plain-HTTP control-plane scrapes or port 10255.
/// </summary>
/// <remarks>Requests: GET <c>/api/v1/targets?state=active</c> (shared).</remarks>
internal static partial class ControlPlaneEndpoints
{
    public static readonly ProbeId Id = new("K8S-110", "control-plane-endpoints");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Control-plane endpoints are disclosed",
        "Keep control-plane ports off reachable networks, scrape them over HTTPS with authentication, and disable the read-only kubelet port.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var targets = await context.TargetsAsync("active", ct).ConfigureAwait(false);
        if (!targets.Ok)
        {
            return ProbeResult.Inconclusive(targets.Problem);
        }

        var evidence = new List<string>();
        var elevated = false;
        foreach (var t in targets.Value!)
        {
            var address = t.Discovered.GetValueOrDefault("__address__", t.Labels.GetValueOrDefault("instance", ""));
            if (!ControlPlaneJob().IsMatch(t.Pool) && !ControlPlanePort().IsMatch(address))
            {
                continue;
            }

            var scheme = t.Discovered.GetValueOrDefault("__scheme__", "http");
            var weak = scheme == "http" || address.EndsWith(":10255", StringComparison.Ordinal);
            elevated |= weak;
            evidence.Add($"{t.Pool}: {scheme}://{address} ({t.Health}){(weak ? " plain HTTP" : "")}");
        }

        return evidence.Count == 0
            ? ProbeResult.Clear("no control-plane target is scraped")
            : ProbeResult.Exposed($"{evidence.Count} control-plane endpoint(s) disclosed", evidence.Distinct(), elevated);
    }

    [GeneratedRegex("(?i)apiserver|kubelet|etcd|scheduler|controller-manager|cadvisor")]
    private static partial Regex ControlPlaneJob();

    [GeneratedRegex(":(6443|10250|10255|2379|2380|10257|10259)$")]
    private static partial Regex ControlPlanePort();
}
