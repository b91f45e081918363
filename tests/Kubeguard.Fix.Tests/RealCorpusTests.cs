using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Fix.Yaml;
using Kubeguard.Policy;
using ManifestLoader = Kubeguard.Scanning.Manifests.ManifestLoader;
using Xunit.Abstractions;

namespace Kubeguard.Fix.Tests;

/// <summary>
/// The real upstream manifests in <c>../shared/corpus/real</c>, fixed with the default (safe)
/// actions at baseline and restricted: every result parses, only the planned paths change, what
/// still fails is exactly what was planned as opt-in or manual, no comment is lost, and a second
/// run plans nothing.
/// </summary>
public sealed class RealCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Levels() => ["baseline", "restricted"];

    [Theory]
    [MemberData(nameof(Levels))]
    public void Safe_fixes_of_the_real_corpus_parse_change_only_planned_paths_and_are_idempotent(string levelName)
    {
        var root = SharedData.RealCorpus;
        if (!Directory.Exists(root))
        {
            Assert.False(SharedData.RequiredByCi, $"CI=true but the real corpus is missing at {root}");
            output.WriteLine($"NOT RUN: real corpus not found at {root}");
            return;
        }

        var options = Fix.At(Policy.Levels.Parse(levelName), PolicyVersion.Latest);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        var failures = new List<string>();
        var linesPerFixedWorkload = new List<int>();
        int workloads = 0, refused = 0, issues = 0;
        foreach (var file in files)
        {
            var result = FixEngine.Fix(file, File.ReadAllBytes(file), options);
            workloads += result.Workloads.Count;
            refused += result.Workloads.Count(w => w.Problem is not null);
            issues += result.Issues.Count;
            if (result.VerificationFailure is not null)
            {
                failures.Add($"{file}: verification failed: {result.VerificationFailure}");
                continue;
            }

            foreach (var workload in result.Workloads)
            {
                var open = workload.Actions.Where(a => a.Status != ActionStatus.Applied).Select(a => a.CheckId).ToHashSet();
                var remaining = workload.After.Violations.Select(v => v.CheckId).ToHashSet();
                if (!remaining.SetEquals(open))
                {
                    failures.Add($"{file} #{workload.Document}: still failing [{string.Join(", ", remaining)}] but planned as opt-in/manual [{string.Join(", ", open)}]");
                }

                if (workload.Changed)
                {
                    linesPerFixedWorkload.Add(workload.LinesChanged);
                }
            }

            if (!result.Changed)
            {
                continue;
            }

            CheckDocuments(file, result, options, failures);
            CheckWithSharedLoader(file, result, options, failures);
            CheckComments(file, result, failures);
            var again = FixEngine.Fix(file, result.Output, options);
            if (again.Changed || again.Workloads.SelectMany(w => w.Actions).Any(a => a.Status == ActionStatus.Applied))
            {
                failures.Add($"{file}: a second run plans more edits");
            }
        }

        linesPerFixedWorkload.Sort();
        var median = linesPerFixedWorkload.Count == 0 ? 0 : linesPerFixedWorkload[linesPerFixedWorkload.Count / 2];
        output.WriteLine($"{levelName}: {files.Count} files, {workloads} workloads, {linesPerFixedWorkload.Count} edited, lines changed per edited workload: median {median}, max {(linesPerFixedWorkload.Count == 0 ? 0 : linesPerFixedWorkload[^1])}; {refused} refused; {issues} unreadable documents");
        Assert.True(workloads > 100, $"only {workloads} workloads found");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)) + $"\n({failures.Count} failures)");
        Assert.True(median <= 12, $"a typical fix changes {median} lines (goal: at most 12)");
    }

    private static void CheckDocuments(string file, FileFix result, FixOptions options, List<string> failures)
    {
        var before = LocatedYamlParser.Parse(result.OriginalText, new LineMap(result.OriginalText));
        var after = LocatedYamlParser.Parse(result.OutputText, new LineMap(result.OutputText));
        if (before.Count != after.Count || before.Zip(after).Any(p => (p.First.Error is null) != (p.Second.Error is null)))
        {
            failures.Add($"{file}: the documents no longer parse the same way");
            return;
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (before[i].Error is not null)
            {
                continue;
            }

            var old = JsonProjection.ToJson(before[i].Root);
            var fixedJson = JsonProjection.ToJson(after[i].Root);
            var workload = result.Workloads.FirstOrDefault(w => w.Document == before[i].Index);
            var planned = workload?.Actions.Where(a => a.Status == ActionStatus.Applied).Select(a => a.Path).ToList() ?? [];
            foreach (var changed in Changes(old, fixedJson, FieldPath.Root))
            {
                if (!planned.Any(p => changed.StartsWith(p) || p.StartsWith(changed)))
                {
                    failures.Add($"{file} #{before[i].Index}: unplanned change at {changed}");
                }
            }

            if (workload is not null && fixedJson is not null)
            {
                var verdict = WorkloadModel.Evaluate(fixedJson, options)?.Result;
                if (verdict?.ForbiddenDetail != workload.After.ForbiddenDetail)
                {
                    failures.Add($"{file} #{before[i].Index}: re-evaluation differs from the report");
                }
            }
        }
    }

    /// <summary>
    /// An independent reading: the scanner's own manifest loader (not the fixer's parser) loads the
    /// fixed text, and the engine's verdict on it must be the one the report gives.
    /// </summary>
    private static void CheckWithSharedLoader(string file, FileFix result, FixOptions options, List<string> failures)
    {
        var loader = new ManifestLoader();
        var before = loader.LoadText(result.OriginalText, file);
        var after = loader.LoadText(result.OutputText, file);
        if (before.Invalid.Length != after.Invalid.Length || before.Documents.Length != after.Documents.Length)
        {
            failures.Add($"{file}: the shared loader reads a different set of documents after the fix");
            return;
        }

        var workloads = result.Workloads.ToList();
        var podBearing = after.Documents.Where(d => d.IsPodBearing && d.ListItemPath is null).ToList();
        if (podBearing.Count != workloads.Count)
        {
            failures.Add($"{file}: the shared loader finds {podBearing.Count} workloads, the fixer {workloads.Count}");
            return;
        }

        foreach (var (document, workload) in podBearing.Zip(workloads))
        {
            var template = document.CreatePodTemplate()!;
            ApiServerDefaults.Apply(template.Spec, template.IsPod);
            var verdict = options.Evaluator.Evaluate(options.Target, template.Metadata, template.Spec);
            if (document.Kind != workload.Kind || verdict.ForbiddenDetail != workload.After.ForbiddenDetail)
            {
                failures.Add($"{file}: {document.Kind} {document.Name}: the shared loader's verdict differs from the report: {verdict.ForbiddenDetail}");
            }
        }
    }

    private static void CheckComments(string file, FileFix result, List<string> failures)
    {
        var remaining = result.OutputText;
        foreach (var line in result.OriginalText.Split('\n'))
        {
            var hash = line.TrimStart().StartsWith('#') ? 0 : line.IndexOf(" #", StringComparison.Ordinal);
            if (hash >= 0 && !remaining.Contains(line[hash..].TrimEnd('\r'), StringComparison.Ordinal))
            {
                failures.Add($"{file}: comment lost: {line.Trim()}");
            }
        }
    }

    /// <summary>Paths where two JSON trees differ (the shallowest differing node).</summary>
    private static IEnumerable<FieldPath> Changes(JsonNode? a, JsonNode? b, FieldPath path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
                {
                    if (!x.ContainsKey(key) || !y.ContainsKey(key))
                    {
                        yield return path.Key(key);
                        continue;
                    }

                    foreach (var change in Changes(x[key], y[key], path.Key(key)))
                    {
                        yield return change;
                    }
                }

                break;
            case (JsonArray x, JsonArray y) when x.Count == y.Count:
                for (var i = 0; i < x.Count; i++)
                {
                    foreach (var change in Changes(x[i], y[i], path.Item(i)))
                    {
                        yield return change;
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(a, b))
                {
                    yield return path;
                }

                break;
        }
    }
}
