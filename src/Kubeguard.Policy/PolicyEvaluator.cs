using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using k8s.Models;

namespace Kubeguard.Policy;

/// <summary>
/// Evaluates pods against a Pod Security level and version, as upstream's evaluator does: the
/// check list for every version is built once, at construction, from the catalog.
/// </summary>
public sealed class PolicyEvaluator
{
    private static readonly V1PodSpec EmptySpec = new();
    private static readonly ConcurrentDictionary<long, PolicyEvaluator> ByKubernetesMinor = new();

    private readonly EvaluatorEntry[][] _baseline;
    private readonly EvaluatorEntry[][] _restricted;

    private PolicyEvaluator(EvaluatorEntry[][] baseline, EvaluatorEntry[][] restricted, PolicyVersion maxVersion)
    {
        _baseline = baseline;
        _restricted = restricted;
        MaxVersion = maxVersion;
    }

    /// <summary>The evaluator over the built-in catalog, with no emulation cap.</summary>
    public static PolicyEvaluator Default { get; } = Create(CheckCatalog.BuiltIn);

    /// <summary>
    /// The newest policy version this evaluator knows: <c>latest</c> and anything newer evaluate as it.
    /// </summary>
    public PolicyVersion MaxVersion { get; }

    /// <summary>
    /// Builds an evaluator from <paramref name="checks"/>. With <paramref name="emulationVersion"/>,
    /// <c>latest</c> and newer versions evaluate as that version (what a cluster of that minor says).
    /// </summary>
    /// <exception cref="InvalidCheckCatalogException">The catalog breaks the registry rules.</exception>
    public static PolicyEvaluator Create(IEnumerable<Check> checks, PolicyVersion? emulationVersion = null)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        var problems = CatalogValidation.Problems(list);
        if (problems.Count > 0)
        {
            throw new InvalidCheckCatalogException(problems);
        }

        var max = list.Count == 0 ? PolicyVersion.Of(1, 0) : list.Max(c => c.Versions[^1].MinimumVersion);
        if (emulationVersion is { IsLatest: false } emulation && emulation < max)
        {
            max = emulation;
        }

        var count = checked((int)max.Minor + 1);
        var baseline = new EvaluatorEntry[count][];
        var restricted = new EvaluatorEntry[count][];
        for (var minor = 0; minor < count; minor++)
        {
            (baseline[minor], restricted[minor]) = Inflate(list, PolicyVersion.Of(1, minor));
        }

        return new PolicyEvaluator(baseline, restricted, max);
    }

    /// <summary>
    /// The evaluator that answers as a cluster of Kubernetes 1.<paramref name="minor"/> would:
    /// <c>latest</c> is capped at <c>v1.minor</c>. Cached per minor.
    /// </summary>
    public static PolicyEvaluator ForKubernetesMinor(long minor) =>
        ByKubernetesMinor.GetOrAdd(minor, m => Create(CheckCatalog.BuiltIn, PolicyVersion.Of(1, m)));

    /// <summary>The version actually evaluated for a requested one (clamped to <see cref="MaxVersion"/>).</summary>
    public PolicyVersion EffectiveVersion(PolicyVersion requested) =>
        requested.IsLatest || requested > MaxVersion ? MaxVersion : requested;

    /// <summary>The IDs of the checks run for <paramref name="policy"/>, in order.</summary>
    public IReadOnlyList<string> CheckIds(LevelVersion policy) => [.. Entries(policy).Select(e => e.Id)];

    /// <summary>Evaluates a pod (or pod template) at <paramref name="policy"/>. Never throws on pod content.</summary>
    /// <param name="policy">Level and requested version.</param>
    /// <param name="metadata">Pod or template metadata (annotations matter); may be null.</param>
    /// <param name="spec">Pod spec; null is treated as an empty spec.</param>
    public PodSecurityResult Evaluate(LevelVersion policy, V1ObjectMeta? metadata, V1PodSpec? spec)
    {
        var entries = Entries(policy);
        spec ??= EmptySpec;
        CheckViolation[]? violations = null;
        var count = 0;
        foreach (var entry in entries)
        {
            var result = entry.Evaluate(metadata, spec);
            if (!result.Allowed)
            {
                violations ??= new CheckViolation[entries.Length];
                var reason = string.IsNullOrEmpty(result.Reason) ? "unknown forbidden reason" : result.Reason;
                violations[count++] = new CheckViolation(entry.Id, reason, result.Detail ?? string.Empty);
            }
        }

        if (violations is null)
        {
            return new PodSecurityResult(policy, []);
        }

        if (count < violations.Length)
        {
            Array.Resize(ref violations, count);
        }

        return new PodSecurityResult(policy, ImmutableCollectionsMarshal.AsImmutableArray(violations));
    }

    /// <summary>Evaluates a pod.</summary>
    public PodSecurityResult Evaluate(LevelVersion policy, V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return Evaluate(policy, pod.Metadata, pod.Spec);
    }

    private EvaluatorEntry[] Entries(LevelVersion policy)
    {
        if (policy.Level == Level.Privileged)
        {
            return [];
        }

        var minor = (int)EffectiveVersion(policy.Version).Minor;
        return policy.Level == Level.Baseline ? _baseline[minor] : _restricted[minor];
    }

    private static (EvaluatorEntry[] Baseline, EvaluatorEntry[] Restricted) Inflate(List<Check> checks, PolicyVersion version)
    {
        var baseline = new List<EvaluatorEntry>();
        var restricted = new List<EvaluatorEntry>();
        var overridden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            VersionedCheck? active = null;
            foreach (var candidate in check.Versions)
            {
                if (candidate.MinimumVersion <= version)
                {
                    active = candidate;
                }
            }

            if (active is null)
            {
                continue;
            }

            var entry = new EvaluatorEntry(check.Id, active.Evaluate);
            if (check.Level == Level.Baseline)
            {
                baseline.Add(entry);
            }
            else
            {
                restricted.Add(entry);
                overridden.UnionWith(active.Overrides);
            }
        }

        baseline.Sort((a, b) => GoText.Ordinal.Compare(a.Id, b.Id));
        restricted.Sort((a, b) => GoText.Ordinal.Compare(a.Id, b.Id));
        var restrictedAll = baseline.Where(e => !overridden.Contains(e.Id)).Concat(restricted).ToArray();
        return ([.. baseline], restrictedAll);
    }

    private sealed record EvaluatorEntry(string Id, CheckPod Evaluate);
}
