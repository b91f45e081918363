using System.Collections.Immutable;

namespace Kubeguard.Reporting;

/// <summary>Everything one run found: what was checked, what failed, and what could not be read.</summary>
/// <param name="Tool">The producing tool.</param>
/// <param name="Rules">Metadata of every rule the run could cite, in the producer's order.</param>
/// <param name="Targets">What was checked, in input order.</param>
/// <param name="Errors">Inputs that could not be read, in input order.</param>
public sealed record Report(ToolInfo Tool, ImmutableArray<Rule> Rules, ImmutableArray<Target> Targets, ImmutableArray<InputError> Errors)
{
    /// <summary>The command that produced the report, e.g. <c>scan</c> (names JUnit suites and SARIF runs).</summary>
    public string Command { get; init; } = "scan";

    /// <summary>What a target is called in summaries, e.g. <c>workload</c> (plural adds an s).</summary>
    public string TargetNoun { get; init; } = "target";

    /// <summary>Producer counters added to the summary (e.g. <c>files</c>, <c>documents</c>), in order.</summary>
    public ImmutableArray<KeyValuePair<string, int>> Counters { get; init; } = [];

    /// <summary>Run-wide settings worth printing (e.g. <c>level</c>), sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Properties { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Every finding of every target, in order.</summary>
    public IEnumerable<(Target Target, Finding Finding)> Findings => Targets.SelectMany(t => t.Findings.Select(f => (t, f)));

    /// <summary>True when every target passed.</summary>
    public bool AllPassed => Targets.All(t => t.Passed);

    /// <summary>True when some input could not be read.</summary>
    public bool HasErrors => !Errors.IsDefaultOrEmpty;

    /// <summary>Counts over the report.</summary>
    public ReportSummary Summary
    {
        get
        {
            var bySeverity = Severities.All.ToImmutableSortedDictionary(s => s, _ => 0);
            var findings = 0;
            foreach (var (_, finding) in Findings)
            {
                bySeverity = bySeverity.SetItem(finding.Severity, bySeverity[finding.Severity] + 1);
                findings++;
            }

            var passed = Targets.Count(t => t.Passed);
            return new ReportSummary(Targets.Length, passed, Targets.Length - passed, findings, Errors.Length, bySeverity);
        }
    }

    /// <summary>The rule with <paramref name="id"/>, or null.</summary>
    public Rule? FindRule(string id) => Rules.FirstOrDefault(r => r.Id == id);
}
