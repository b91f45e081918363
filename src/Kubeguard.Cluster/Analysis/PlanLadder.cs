using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Analysis;

/// <summary>
/// The level and version candidates a plan tries, strictest first: restricted at the pinned
/// version, then restricted at each older version where the check list changes, then the same
/// for baseline. Versions between two such points give the same verdicts, so each candidate is
/// evaluated once at its oldest version and labelled with its newest.
/// </summary>
public sealed class PlanLadder
{
    private PlanLadder(PolicyEvaluator evaluator, PolicyVersion pin, ImmutableArray<PlanCandidate> candidates, int baselineStart)
    {
        Evaluator = evaluator;
        Pin = pin;
        Candidates = candidates;
        BaselineStart = baselineStart;
    }

    /// <summary>The evaluator (capped at the server's minor when known).</summary>
    public PolicyEvaluator Evaluator { get; }

    /// <summary>The version the plan pins when the newest rules pass.</summary>
    public PolicyVersion Pin { get; }

    /// <summary>The candidates, strictest first; index 0 is restricted at the pin.</summary>
    public ImmutableArray<PlanCandidate> Candidates { get; }

    /// <summary>The index of baseline at the pin.</summary>
    public int BaselineStart { get; }

    /// <summary>Builds the ladder for <paramref name="evaluator"/>, pinning <paramref name="pin"/> (null: the evaluator's newest version).</summary>
    public static PlanLadder Create(PolicyEvaluator evaluator, PolicyVersion? pin = null)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var top = pin is { IsLatest: false } p ? p : evaluator.MaxVersion;
        var candidates = ImmutableArray.CreateBuilder<PlanCandidate>();
        candidates.AddRange(Rungs(evaluator, Level.Restricted, top));
        var baselineStart = candidates.Count;
        candidates.AddRange(Rungs(evaluator, Level.Baseline, top));
        return new PlanLadder(evaluator, top, candidates.ToImmutable(), baselineStart);
    }

    private static IEnumerable<PlanCandidate> Rungs(PolicyEvaluator evaluator, Level level, PolicyVersion top)
    {
        var points = CheckCatalog.BuiltIn
            .Where(c => level == Level.Restricted || c.Level == Level.Baseline)
            .SelectMany(c => c.Versions.Select(v => v.MinimumVersion))
            .Append(PolicyVersion.Of(1, 0))
            .Where(v => v <= evaluator.MaxVersion && v <= top)
            .Distinct()
            .OrderDescending()
            .ToList();
        var label = top;
        foreach (var point in points)
        {
            yield return new PlanCandidate(new LevelVersion(level, point), new LevelVersion(level, label));
            if (point.Minor > 0)
            {
                label = PolicyVersion.Of(1, point.Minor - 1);
            }
        }
    }
}
