using System.Collections.Immutable;
using Kubeguard.PromAudit.Http;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit;

/// <summary>The result of one audit.</summary>
/// <param name="Target">The audited URL (credentials never included; infra-redacted when asked).</param>
/// <param name="ServerVersion">The Prometheus version reported by the server, or empty.</param>
/// <param name="RulesDate">Date of the offline rules used.</param>
/// <param name="StartedAt">When the audit started (UTC).</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Blocker">Why the server could not be audited, or empty.</param>
/// <param name="Findings">One result per probe, in catalogue order.</param>
/// <param name="Requests">Every request made or refused.</param>
public sealed record AuditReport(
    string Target,
    string ServerVersion,
    string RulesDate,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string Blocker,
    ImmutableArray<AuditFinding> Findings,
    ImmutableArray<RequestRecord> Requests)
{
    /// <summary>Exposed findings only.</summary>
    public IEnumerable<AuditFinding> Exposures => Findings.Where(f => f.Outcome == ProbeOutcome.Exposed);

    /// <summary>True when an exposed finding is at or above <paramref name="threshold"/>.</summary>
    public bool HasExposureAtOrAbove(Severity threshold) => Exposures.Any(f => f.Severity >= threshold);
}
