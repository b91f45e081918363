using System.Collections.Immutable;

namespace Kubeguard.Reporting;

/// <summary>One problem found by one rule.</summary>
/// <param name="RuleId">The rule's stable ID, e.g. <c>runAsNonRoot</c>.</param>
/// <param name="Severity">The effective severity (defaults already overridden by configuration).</param>
/// <param name="Title">A short, stable reason, e.g. <c>runAsNonRoot != true</c>.</param>
/// <param name="Message">The specific detail naming the offenders.</param>
public sealed record Finding(string RuleId, Severity Severity, string Title, string Message)
{
    /// <summary>Where the offending field is.</summary>
    public Location? Location { get; init; }

    /// <summary>The object the finding is about, when it differs from or refines its target's.</summary>
    public Subject? Subject { get; init; }

    /// <summary>One sentence telling the author how to fix it.</summary>
    public string Remediation { get; init; } = string.Empty;

    /// <summary>A page explaining the rule.</summary>
    public Uri? HelpUri { get; init; }

    /// <summary>Extra fields a producer wants in machine-readable output; sorted by key.</summary>
    public ImmutableSortedDictionary<string, string> Properties { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
