namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-012. Targets leak secrets and metadata: <c>__param_*</c> values and userinfo in
/// <c>scrapeUrl</c>/<c>globalUrl</c>, high-risk service-discovery meta labels (GCE kube-env, startup
/// scripts, SSH keys, EC2 tags, last-applied-configuration annotations).
/// </summary>
/// <remarks>
/// Requests: GET <c>/api/v1/targets?state=active</c>. Elevated on a credential-like value or a
/// GCE <c>kube-env</c>. Cloud meta labels cannot appear on a lab server without cloud discovery.
/// </remarks>
internal static class TargetUrlLeaks
{
    public static readonly ProbeId Id = new("PROM-012", "target-url-leaks");

    private static readonly string[] RiskyMeta =
    [
        "__meta_gce_metadata_kube_env", "__meta_gce_metadata_startup_script", "__meta_gce_metadata_ssh_keys",
        "__meta_ec2_tag_", "kubectl_kubernetes_io_last_applied_configuration",
    ];

    public static Probe Definition { get; } = new(Id, "leakage", "Scrape targets leak credentials and metadata",
        "Move scrape credentials into secret-typed fields, restrict service discovery with selectors and namespaces, and drop sensitive annotations at the source.",
        RunAsync)
    {
        Limitations = "Cloud discovery meta labels (GCE metadata, EC2 tags) exist only on servers using cloud service discovery.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var targets = await context.TargetsAsync("active", ct).ConfigureAwait(false);
        if (!targets.Ok)
        {
            return ProbeResult.Inconclusive(targets.Problem);
        }

        var evidence = new List<string>();
        var strong = false;
        foreach (var target in targets.Value!)
        {
            foreach (var (name, value) in target.Discovered.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var location = $"target {target.Pool} label {name}";
                if (name.StartsWith("__param_", StringComparison.Ordinal))
                {
                    var hit = context.Secrets.Scan(location, name["__param_".Length..], value);
                    evidence.Add(hit?.ToString() ?? $"{location}: parameter, length {value.Length}, fingerprint {context.Secrets.Fingerprint(value)}");
                    strong |= hit?.Strong == true;
                }
                else if (RiskyMeta.Any(m => name.Contains(m, StringComparison.Ordinal))
                    || (name.StartsWith("__meta_", StringComparison.Ordinal) && name.Contains("annotation", StringComparison.Ordinal) && context.Secrets.Scan(location, name, value) is { Strong: true }))
                {
                    evidence.Add($"{location}: high-risk metadata present, length {value.Length}, fingerprint {context.Secrets.Fingerprint(value)}");
                    strong |= name.Contains("kube_env", StringComparison.Ordinal) || context.Secrets.Scan(location, name, value) is { Strong: true };
                }
            }

            foreach (var (what, url) in new[] { ("scrapeUrl", target.ScrapeUrl), ("globalUrl", target.GlobalUrl) })
            {
                if (context.Secrets.Scan($"target {target.Pool} {what}", null, url) is { } userinfo)
                {
                    evidence.Add(userinfo.ToString());
                    strong = true;
                }
            }

            if (Uri.TryCreate(target.GlobalUrl, UriKind.Absolute, out var global))
            {
                context.NoteHost(global.Host);
            }
        }

        var distinct = evidence.Distinct().ToList();
        return distinct.Count == 0
            ? ProbeResult.Clear($"{targets.Value!.Count} active targets carry no parameters, userinfo or high-risk metadata")
            : ProbeResult.Exposed($"{distinct.Count} leak(s) in active target URLs and labels", distinct, strong);
    }
}
