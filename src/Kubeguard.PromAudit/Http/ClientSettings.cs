namespace Kubeguard.PromAudit.Http;

/// <summary>Bounds and credentials for talking to the audited server.</summary>
public sealed record ClientSettings
{
    /// <summary>Per-request timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time budget for the whole audit.</summary>
    public TimeSpan AuditBudget { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Default response size cap.</summary>
    public long MaxResponseBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Size cap for target listings, which are large on big clusters.</summary>
    public long MaxTargetsBytes { get; init; } = 50 * 1024 * 1024;

    /// <summary>Most requests one audit may send.</summary>
    public int MaxRequests { get; init; } = 100;

    /// <summary>The value of the <c>Authorization</c> header, or null. Never logged or reported.</summary>
    public string? Authorization { get; init; }

    /// <summary>True when the auditor authenticates with basic auth (relevant over plain HTTP).</summary>
    public bool UsesBasicAuth { get; init; }

    /// <summary>User-Agent sent with every request.</summary>
    public string UserAgent { get; init; } = "kubeguard-prometheus-audit/0.1 (read-only)";
}
