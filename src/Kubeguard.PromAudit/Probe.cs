namespace Kubeguard.PromAudit;

/// <summary>Runs one probe against the audit context. Never throws on server content or network faults.</summary>
public delegate Task<ProbeResult> ProbeRun(AuditContext context, CancellationToken cancellationToken);

/// <summary>A read-only check of an exposed Prometheus server.</summary>
/// <param name="Id">Stable ID.</param>
/// <param name="Category">Catalogue section: exposure, leakage, capability or reconnaissance.</param>
/// <param name="Title">Short title.</param>
/// <param name="Remediation">Concrete fix, a sentence ending in a period.</param>
/// <param name="RunAsync">The probe logic.</param>
public sealed record Probe(ProbeId Id, string Category, string Title, string Remediation, ProbeRun RunAsync)
{
    /// <summary>What the probe cannot see on a Prometheus 2.42 server (or in general); empty when nothing.</summary>
    public string Limitations { get; init; } = "";
}
