using System.Collections.Immutable;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit;

/// <summary>One probe's result in the report.</summary>
/// <param name="Id">Probe ID.</param>
/// <param name="Category">Catalogue section.</param>
/// <param name="Title">Probe title.</param>
/// <param name="Outcome">Clear, exposed or inconclusive.</param>
/// <param name="Severity">Severity from the severity policy (meaningful for exposed results).</param>
/// <param name="Summary">One sentence.</param>
/// <param name="Evidence">Redacted evidence lines.</param>
/// <param name="Remediation">The fix.</param>
public sealed record AuditFinding(
    ProbeId Id,
    string Category,
    string Title,
    ProbeOutcome Outcome,
    Severity Severity,
    string Summary,
    ImmutableArray<string> Evidence,
    string Remediation);
