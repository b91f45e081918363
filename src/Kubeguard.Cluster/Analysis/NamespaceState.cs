using System.Collections.Immutable;
using Kubeguard.Admission;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Analysis;

/// <summary>One namespace while the cluster is read: its policy, ownership maps and merged tally.</summary>
internal sealed class NamespaceState
{
    public NamespaceState(string name, IDictionary<string, string>? labels, bool labelsKnown, PodSecurityConfiguration configuration, int candidates)
    {
        Name = name;
        LabelsKnown = labelsKnown;
        Labels = labels is null
            ? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            : labels.Where(l => l.Key.StartsWith(PodSecurityLabelPrefix, StringComparison.Ordinal))
                .ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var resolution = NamespacePolicy.Resolve(Labels, configuration.Defaults);
        Policy = resolution.Policy;
        LabelErrors = [.. resolution.Errors.Select(e => e.ToString())];
        Exempt = configuration.IsExemptNamespace(name);
        Total = new Tally(candidates);
    }

    private const string PodSecurityLabelPrefix = "pod-security.kubernetes.io/";

    public string Name { get; }

    public bool LabelsKnown { get; }

    public ImmutableSortedDictionary<string, string> Labels { get; }

    public NamespacePolicy Policy { get; }

    public ImmutableArray<string> LabelErrors { get; }

    /// <summary>Upstream's shortcut: nothing is evaluated when every mode is privileged and no label was invalid.</summary>
    public bool FullyPrivileged => LabelErrors.IsEmpty && Policy.IsFullyPrivileged;

    public bool Exempt { get; }

    public Tally Total { get; }

    public List<SkippedRead> Skipped { get; } = [];

    /// <summary>ReplicaSet name → owning Deployment name.</summary>
    public Dictionary<string, string> ReplicaSetOwners { get; } = new(StringComparer.Ordinal);

    /// <summary>Job name → owning CronJob name.</summary>
    public Dictionary<string, string> JobOwners { get; } = new(StringComparer.Ordinal);

    public NamespaceReport ToReport(PlanLadder ladder)
    {
        var findings = Total.Findings
            .OrderBy(f => f.Key.Workload.Kind, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Workload.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Subject)
            .ThenBy(f => f.Key.Modes, StringComparer.Ordinal)
            .Select(f => new AuditFinding(f.Key.Workload, f.Key.Subject, f.Value.Modes, f.Value.Result, f.Value.Count, f.Value.Example))
            .ToImmutableArray();
        var skipped = Skipped.ToImmutableArray();
        return new NamespaceReport(
            Name, Labels, Policy, LabelErrors, Exempt, Total.Pods, Total.Templates, Total.ExemptObjects, skipped,
            LabelsKnown ? findings : [], LabelsKnown ? Total.OtherFindings : 0, Plan(ladder),
            Total.PodSecurityPolicies.ToImmutableSortedDictionary(StringComparer.Ordinal));
    }

    private NamespacePlan Plan(PlanLadder ladder)
    {
        var first = Array.IndexOf(Total.Passes, true);
        var pin = ladder.Pin;
        var strictestIndex = first < 0 ? ladder.Candidates.Length : first;
        var breaks = ImmutableArray.CreateBuilder<LevelBreaks>();
        if (strictestIndex > ladder.BaselineStart)
        {
            breaks.Add(Breaks(ladder.Candidates[ladder.BaselineStart].Label, Total.BaselineBreaks, Total.OtherBaseline));
        }

        if (strictestIndex > 0)
        {
            breaks.Add(Breaks(ladder.Candidates[0].Label, Total.RestrictedBreaks, Total.OtherRestricted));
        }

        // A namespace is planned only from a complete read: a skipped pod or workload list could hide anything.
        if (Skipped.Any(s => s.Resource != "namespaces"))
        {
            return new NamespacePlan(null, breaks.ToImmutable(), null);
        }

        var strictest = first < 0 ? new LevelVersion(Level.Privileged, pin) : ladder.Candidates[first].Label;
        var next = strictestIndex == 0 ? strictest
            : strictestIndex > ladder.BaselineStart ? ladder.Candidates[ladder.BaselineStart].Label
            : ladder.Candidates[0].Label;
        return new NamespacePlan(strictest, breaks.ToImmutable(), new LabelTarget(Name, strictest, next));
    }

    private static LevelBreaks Breaks(LevelVersion policy, Dictionary<Tally.BreakKey, Tally.BreakGroup> groups, int other) =>
        new(policy,
            [.. groups
                .OrderBy(g => g.Key.Workload.Kind, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Workload.Name, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Detail, StringComparer.Ordinal)
                .Select(g => new WorkloadBreak(g.Key.Workload, g.Value.Pods, g.Value.Templates, g.Value.Violations, g.Value.Example))],
            other);
}
