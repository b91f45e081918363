using System.Collections.Immutable;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Analysis;

/// <summary>
/// What one namespace's objects added up to: counts, the plan's pass mask and findings grouped by
/// workload. Its size depends on the number of distinct workloads (capped), never on the number
/// of pods, and two tallies merge, so a list can be counted apart and dropped if it must restart.
/// </summary>
internal sealed class Tally
{
    /// <summary>The most groups kept per namespace and kind of result; further failing objects are only counted.</summary>
    public const int MaxGroups = 1000;

    public Tally(int candidates)
    {
        Passes = new bool[candidates];
        Array.Fill(Passes, true);
    }

    public int Pods { get; set; }

    public int Templates { get; set; }

    public int ExemptObjects { get; set; }

    public bool[] Passes { get; }

    public Dictionary<FindingKey, FindingGroup> Findings { get; } = [];

    public int OtherFindings { get; set; }

    public Dictionary<BreakKey, BreakGroup> RestrictedBreaks { get; } = [];

    public int OtherRestricted { get; set; }

    public Dictionary<BreakKey, BreakGroup> BaselineBreaks { get; } = [];

    public int OtherBaseline { get; set; }

    public Dictionary<string, int> PodSecurityPolicies { get; } = new(StringComparer.Ordinal);

    public void AddFinding(WorkloadRef workload, Subject subject, ImmutableArray<string> modes, PodSecurityResult result, string name)
    {
        var key = new FindingKey(workload, subject, string.Join(",", modes), result.Policy, result.ForbiddenDetail);
        if (Findings.TryGetValue(key, out var group))
        {
            group.Add(name);
        }
        else if (Findings.Count < MaxGroups)
        {
            Findings[key] = new FindingGroup(modes, result, name);
        }
        else
        {
            OtherFindings++;
        }
    }

    public void AddBreak(bool restricted, WorkloadRef workload, bool isPod, PodSecurityResult result, string name)
    {
        var groups = restricted ? RestrictedBreaks : BaselineBreaks;
        var key = new BreakKey(workload, result.ForbiddenDetail);
        if (!groups.TryGetValue(key, out var group))
        {
            if (groups.Count >= MaxGroups)
            {
                if (restricted)
                {
                    OtherRestricted++;
                }
                else
                {
                    OtherBaseline++;
                }

                return;
            }

            group = new BreakGroup(result.Violations);
            groups[key] = group;
        }

        group.Add(isPod, name);
    }

    public void Merge(Tally other)
    {
        Pods += other.Pods;
        Templates += other.Templates;
        ExemptObjects += other.ExemptObjects;
        for (var i = 0; i < Passes.Length; i++)
        {
            Passes[i] &= other.Passes[i];
        }

        OtherFindings += other.OtherFindings;
        foreach (var (key, group) in other.Findings)
        {
            if (Findings.TryGetValue(key, out var mine))
            {
                mine.Merge(group);
            }
            else if (Findings.Count < MaxGroups)
            {
                Findings[key] = group;
            }
            else
            {
                OtherFindings += group.Count;
            }
        }

        OtherRestricted += other.OtherRestricted + MergeBreaks(RestrictedBreaks, other.RestrictedBreaks);
        OtherBaseline += other.OtherBaseline + MergeBreaks(BaselineBreaks, other.BaselineBreaks);
        foreach (var (name, count) in other.PodSecurityPolicies)
        {
            PodSecurityPolicies[name] = PodSecurityPolicies.GetValueOrDefault(name) + count;
        }
    }

    private static int MergeBreaks(Dictionary<BreakKey, BreakGroup> mine, Dictionary<BreakKey, BreakGroup> theirs)
    {
        var dropped = 0;
        foreach (var (key, group) in theirs)
        {
            if (mine.TryGetValue(key, out var existing))
            {
                existing.Merge(group);
            }
            else if (mine.Count < MaxGroups)
            {
                mine[key] = group;
            }
            else
            {
                dropped += group.Pods + group.Templates;
            }
        }

        return dropped;
    }

    internal readonly record struct FindingKey(WorkloadRef Workload, Subject Subject, string Modes, LevelVersion Policy, string Detail);

    internal readonly record struct BreakKey(WorkloadRef Workload, string Detail);

    internal sealed class FindingGroup(ImmutableArray<string> modes, PodSecurityResult result, string example)
    {
        public ImmutableArray<string> Modes { get; } = modes;

        public PodSecurityResult Result { get; } = result;

        public int Count { get; private set; } = 1;

        public string Example { get; private set; } = example;

        public void Add(string name)
        {
            Count++;
            if (string.CompareOrdinal(name, Example) < 0)
            {
                Example = name;
            }
        }

        public void Merge(FindingGroup other)
        {
            Count += other.Count;
            if (string.CompareOrdinal(other.Example, Example) < 0)
            {
                Example = other.Example;
            }
        }
    }

    internal sealed class BreakGroup(ImmutableArray<CheckViolation> violations)
    {
        private string? _pod;
        private string? _template;

        public ImmutableArray<CheckViolation> Violations { get; } = violations;

        public int Pods { get; private set; }

        public int Templates { get; private set; }

        /// <summary>The ordinal-smallest failing pod, or the template's workload when no pod fails.</summary>
        public string Example => _pod ?? _template ?? string.Empty;

        public void Add(bool isPod, string name)
        {
            if (isPod)
            {
                Pods++;
                _pod = Smaller(_pod, name);
            }
            else
            {
                Templates++;
                _template = Smaller(_template, name);
            }
        }

        public void Merge(BreakGroup other)
        {
            Pods += other.Pods;
            Templates += other.Templates;
            _pod = Smaller(_pod, other._pod);
            _template = Smaller(_template, other._template);
        }

        private static string? Smaller(string? a, string? b) =>
            a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;
    }
}
