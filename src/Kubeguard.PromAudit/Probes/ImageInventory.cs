using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// K8S-106. The image inventory and its risk, offline: floating or missing tags, missing digests,
/// tags that resolve to different digests across pods, frozen registries, end-of-life bases and
/// versions, and known-exploitable versions from the dated rules file.
/// </summary>
/// <remarks>
/// Requests: POST queries on <c>kube_pod_container_info</c> and <c>kube_pod_init_container_info</c>;
/// fallback <c>container_last_seen</c> (cAdvisor) when kube-state-metrics is absent. Pinning is
/// judged on <c>image_spec</c>; older kube-state-metrics without <c>image_spec</c> fall back to
/// <c>image</c>. Elevated on a known-exploitable match.
/// </remarks>
internal static class ImageInventory
{
    public static readonly ProbeId Id = new("K8S-106", "image-inventory");

    public static Probe Definition { get; } = new(Id, "reconnaissance", "Container images are disclosed and risky",
        "Pin images by digest, upgrade end-of-life and known-exploitable images, block floating tags with an admission policy, and deny kube_pod_container_info with --metric-denylist if it is not needed.",
        RunAsync)
    {
        Limitations = "Rules are a small dated seed list, not a vulnerability database.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var (observations, problem) = await ObservationsAsync(context, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return ProbeResult.Inconclusive(problem);
        }

        if (observations.Count == 0)
        {
            return ProbeResult.Clear("no container image is disclosed");
        }

        var risks = ImageAnalyzer.Analyze(observations, context.Rules);
        var images = observations.Select(o => o.ImageSpec).Distinct(StringComparer.Ordinal).Count();
        var evidence = new List<string> { $"{images} distinct image(s) in {observations.Count} container(s); rules of {context.Rules.Date}" };
        evidence.AddRange(risks.Select(r => r.ToString()));
        return ProbeResult.Exposed($"{images} image(s) disclosed, {risks.Count} risk signal(s)", evidence, risks.Any(r => r.IsSerious));
    }

    /// <summary>Image risks, shared with K8S-105 (queries are cached).</summary>
    internal static async Task<IReadOnlyList<ImageRisk>> RisksAsync(AuditContext context, CancellationToken ct)
    {
        var (observations, _) = await ObservationsAsync(context, ct).ConfigureAwait(false);
        return ImageAnalyzer.Analyze(observations, context.Rules);
    }

    private static async Task<(IReadOnlyList<ImageObservation> Observations, string? Problem)> ObservationsAsync(AuditContext context, CancellationToken ct)
    {
        var (results, problem) = await Recon.QueryAllAsync(context, ct,
            "group by (namespace, pod, container, image_spec, image, image_id) (kube_pod_container_info)",
            "group by (namespace, pod, container, image_spec, image, image_id) (kube_pod_init_container_info)").ConfigureAwait(false);
        if (problem is not null)
        {
            return ([], problem);
        }

        var rows = results.SelectMany(r => r).ToList();
        if (rows.Count == 0)
        {
            var cadvisor = await context.QueryAsync("group by (namespace, pod, container, image) (container_last_seen{image!=\"\"})", ct).ConfigureAwait(false);
            rows = [.. cadvisor.Value ?? []];
        }

        return ([.. rows.Select(s => new ImageObservation(s["namespace"], s["pod"], s["container"],
            s["image_spec"].Length > 0 ? s["image_spec"] : s["image"], s["image_id"]))], null);
    }
}
