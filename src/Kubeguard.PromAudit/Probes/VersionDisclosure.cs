namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-004. The server discloses its exact version, which maps to known advisories.
/// </summary>
/// <remarks>
/// Requests: the preflight's buildinfo (or <c>/version</c>), flags and config (for advisory
/// conditions). Elevated when a Prometheus advisory from the dated rules file matches. Advisories
/// without a published range (e.g. CVE-2026-44903) are not in the rules and are not matched.
/// </remarks>
internal static class VersionDisclosure
{
    public static readonly ProbeId Id = new("PROM-004", "version-disclosure");

    public static Probe Definition { get; } = new(Id, "exposure", "The server discloses its version",
        "Upgrade Prometheus past the matched advisories; hide /version and /api/v1/status/buildinfo at the reverse proxy.",
        RunAsync)
    {
        Limitations = "Matching is by version only (backported distro fixes are unknown); CVE-2026-44903 has no published range and is not matched; CVE-2026-42151 is matched only when the configuration uses azuread.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.ServerVersion.Length == 0)
        {
            return ProbeResult.Inconclusive(context.Blocker ?? "the server does not report a version");
        }

        var conditions = new HashSet<string>(StringComparer.Ordinal);
        var flags = await context.FlagsAsync(ct).ConfigureAwait(false);
        if (flags.Value?.GetValueOrDefault("web.config.file") is { Length: > 0 })
        {
            conditions.Add("web-config");
        }

        var config = await context.ConfigYamlAsync(ct).ConfigureAwait(false);
        if (config.Value?.Contains("azuread", StringComparison.Ordinal) == true)
        {
            conditions.Add("azuread");
        }

        var advisories = context.Rules.PrometheusAdvisories(context.ServerVersion, conditions).ToList();
        var evidence = new List<string> { $"version: {context.ServerVersion}" };
        evidence.AddRange(advisories.Select(a => $"matches {a.Advisory}: {a.Title} (rules of {context.Rules.Date})"));
        return ProbeResult.Exposed(
            advisories.Count == 0 ? $"Prometheus {context.ServerVersion} is disclosed" : $"Prometheus {context.ServerVersion} matches {advisories.Count} known advisories",
            evidence, elevated: advisories.Count > 0);
    }
}
