using k8s.Models;
using Kubeguard.Testing;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>One generated pod: where its golden file lives and what it must produce.</summary>
/// <param name="RelativePath"><c>&lt;level&gt;/v1.N/{pass,fail}/&lt;checkid&gt;&lt;i&gt;.yaml</c>, relative to <c>tests/fixtures/pss</c>.</param>
/// <param name="Pod">The pod.</param>
public sealed record GeneratedFixture(string RelativePath, V1Pod Pod)
{
    public string Yaml => KubeYaml.Serialize(Pod);
}

/// <summary>
/// Builds the project's own pass/fail pods: for every level and interesting version, the minimal
/// valid pod (<c>base</c>, plus <c>base_linux</c>/<c>base_windows</c> at restricted from v1.25)
/// and each active check's generated cases. Files are named like upstream's: the check ID
/// lower-cased plus the case index.
/// </summary>
public static class GeneratedFixtures
{
    /// <summary>Folder of the golden files.</summary>
    public static string Root => Path.Combine(Kubeguard.Testing.Fixtures.Root, "pss");

    /// <summary>
    /// Every version where a check, a generator or a minimal pod changes, plus v1.0 and the newest
    /// version (whose files also stand for <c>latest</c>).
    /// </summary>
    public static IReadOnlyList<PolicyVersion> InterestingVersions { get; } =
        CheckCatalog.BuiltIn.SelectMany(c => c.Versions.Select(v => v.MinimumVersion))
            .Concat(FixtureGenerators.All.Select(g => g.MinimumVersion))
            .Concat(MinimalValidPods.ChangeVersions)
            .Append(PolicyVersion.Of(1, 0))
            .Append(PolicyEvaluator.Default.MaxVersion)
            .Distinct()
            .Order()
            .ToList();

    /// <summary>The levels that have checks.</summary>
    public static IReadOnlyList<Level> Levels { get; } = [Level.Baseline, Level.Restricted];

    /// <summary>Every generated fixture for every level and interesting version.</summary>
    public static IEnumerable<GeneratedFixture> All() =>
        Levels.SelectMany(level => InterestingVersions.SelectMany(version => For(level, version)));

    /// <summary>The generated fixtures of one level and version.</summary>
    public static IEnumerable<GeneratedFixture> For(Level level, PolicyVersion version)
    {
        var folder = $"{level.ToWireString()}/{version}";
        yield return Named($"{folder}/pass/base.yaml", MinimalValidPods.For(level, version));
        if (level == Level.Restricted && version >= PolicyVersion.Of(1, 25))
        {
            yield return Named($"{folder}/pass/base_linux.yaml", MinimalValidPods.Linux(version));
            yield return Named($"{folder}/pass/base_windows.yaml", MinimalValidPods.Windows(version));
        }

        var context = new FixtureContext(level, version);
        foreach (var check in CheckCatalog.BuiltIn.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            if (check.Versions[0].MinimumVersion > version || (check.Level != level && level != Level.Restricted))
            {
                continue;
            }

            var generator = GeneratorFor(check.Id, version);
            var prefix = check.Id.ToLowerInvariant();
            var index = 0;
            foreach (var change in generator.Pass(context))
            {
                yield return Make($"{folder}/pass/{prefix}{index++}.yaml", level, version, change);
            }

            index = 0;
            foreach (var change in generator.Fail(context))
            {
                yield return Make($"{folder}/fail/{prefix}{index++}.yaml", level, version, change);
            }
        }
    }

    /// <summary>The newest generator of <paramref name="checkId"/> whose minimum version is not newer than <paramref name="version"/>.</summary>
    public static FixtureGenerator GeneratorFor(string checkId, PolicyVersion version) =>
        FixtureGenerators.All.Where(g => g.CheckId == checkId && g.MinimumVersion <= version).MaxBy(g => g.MinimumVersion)
        ?? throw new InvalidOperationException($"no fixture generator for {checkId} at {version}");

    /// <summary>
    /// The check that must deny a fail fixture of <paramref name="checkId"/>: the check itself, or
    /// at restricted the restricted check that replaces it at that version.
    /// </summary>
    public static string DenyingCheck(string checkId, LevelVersion policy)
    {
        if (PolicyEvaluator.Default.CheckIds(policy).Contains(checkId))
        {
            return checkId;
        }

        var version = PolicyEvaluator.Default.EffectiveVersion(policy.Version);
        return CheckCatalog.BuiltIn
            .Where(c => c.Level == Level.Restricted)
            .Single(c => c.Versions.LastOrDefault(v => v.MinimumVersion <= version)?.Overrides.Contains(checkId) == true)
            .Id;
    }

    private static GeneratedFixture Make(string path, Level level, PolicyVersion version, Action<V1Pod> change)
    {
        var pod = MinimalValidPods.For(level, version);
        change(pod);
        return Named(path, pod);
    }

    private static GeneratedFixture Named(string path, V1Pod pod)
    {
        pod.Metadata ??= new V1ObjectMeta();
        pod.Metadata.Name = Path.GetFileNameWithoutExtension(path);
        return new GeneratedFixture(path, pod);
    }
}
