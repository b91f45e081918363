using System.Collections.Immutable;

namespace Kubeguard.Reporting;

/// <summary>Counts over a report.</summary>
/// <param name="Targets">Targets checked.</param>
/// <param name="Passed">Targets that passed.</param>
/// <param name="Failed">Targets that did not pass.</param>
/// <param name="Findings">Findings over all targets.</param>
/// <param name="Errors">Input errors.</param>
/// <param name="BySeverity">Findings per severity (every severity present, zero included).</param>
public sealed record ReportSummary(int Targets, int Passed, int Failed, int Findings, int Errors, ImmutableSortedDictionary<Severity, int> BySeverity);
