namespace Kubeguard.PromAudit;

/// <summary>One target from <c>/api/v1/targets</c>.</summary>
/// <param name="Pool">Scrape pool (job).</param>
/// <param name="Discovered">Labels before relabelling (<c>__meta_*</c>, <c>__param_*</c>, <c>__address__</c>).</param>
/// <param name="Labels">Labels after relabelling.</param>
/// <param name="ScrapeUrl">Scrape URL, query included.</param>
/// <param name="GlobalUrl">Scrape URL as seen from outside (uses the Prometheus host name).</param>
/// <param name="LastError">Last scrape error.</param>
/// <param name="Health">up, down or unknown.</param>
public sealed record ScrapeTarget(
    string Pool,
    IReadOnlyDictionary<string, string> Discovered,
    IReadOnlyDictionary<string, string> Labels,
    string ScrapeUrl,
    string GlobalUrl,
    string LastError,
    string Health);
