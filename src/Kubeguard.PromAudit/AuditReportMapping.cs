using System.Collections.Immutable;
using System.Globalization;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit;

/// <summary>
/// Maps an audit onto the shared report model, so every format (table, JSON, SARIF) comes from the
/// shared writers. One target per probe, in catalogue order: a clear probe passes; an exposed probe
/// fails with one finding at its configured severity; an inconclusive probe fails with one finding
/// of severity <c>none</c> that says why. Evidence travels in the finding's <c>evidence</c> property
/// (one line each); the audited URL is every target's location.
/// </summary>
public static class AuditReportMapping
{
    /// <summary>Builds the shared report for <paramref name="audit"/>.</summary>
    public static Report ToReport(AuditReport audit, SeverityPolicy severities)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(severities);
        var rules = ProbeCatalog.BuiltIn.Select(p => new Rule(p.Id.Code, p.Title,
                p.Title + "." + (p.Limitations.Length > 0 ? " Limits: " + p.Limitations : ""), p.Remediation, severities.For(p.Id, false))
        {
            Tags = [p.Category, p.Id.Name],
        }).ToImmutableArray();

        var location = new Location(audit.Target);
        var targets = audit.Findings.Select(f => new Target($"{f.Id.Code} {f.Id.Name}", f.Outcome == ProbeOutcome.Clear, Findings(f, location))
        {
            Location = location,
            Message = f.Summary,
            Properties = Props(("outcome", Wire(f.Outcome)), ("category", f.Category)),
        }).ToImmutableArray();

        ImmutableArray<InputError> errors = audit.Blocker.Length > 0 ? [new InputError(location, audit.Blocker)] : [];
        return new Report(ToolInfo.Kubeguard, rules, targets, errors)
        {
            Command = "prometheus",
            Counters =
            [
                new("exposed", audit.Findings.Count(f => f.Outcome == ProbeOutcome.Exposed)),
                new("clear", audit.Findings.Count(f => f.Outcome == ProbeOutcome.Clear)),
                new("inconclusive", audit.Findings.Count(f => f.Outcome == ProbeOutcome.Inconclusive)),
                new("requests", audit.Requests.Length),
            ],
            Properties = Props(
                ("target", audit.Target),
                ("serverVersion", audit.ServerVersion),
                ("rulesDate", audit.RulesDate),
                ("startedAt", audit.StartedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                ("durationSeconds", audit.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))),
        };
    }

    private static ImmutableArray<Finding> Findings(AuditFinding f, Location location) => f.Outcome switch
    {
        ProbeOutcome.Exposed => [new Finding(f.Id.Code, f.Severity, f.Title, f.Summary)
        {
            Location = location,
            Remediation = f.Remediation,
            Properties = f.Evidence.IsEmpty ? Props(("outcome", "exposed")) : Props(("outcome", "exposed"), ("evidence", string.Join("\n", f.Evidence))),
        }],
        ProbeOutcome.Inconclusive => [new Finding(f.Id.Code, Severity.None, "inconclusive: " + f.Title, f.Summary)
        {
            Location = location,
            Properties = Props(("outcome", "inconclusive")),
        }],
        _ => [],
    };

    private static string Wire(ProbeOutcome outcome) => outcome.ToString().ToLowerInvariant();

    private static ImmutableSortedDictionary<string, string> Props(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
