using Kubeguard.Fix.Planning;
using Kubeguard.Policy;
using Xunit.Abstractions;

namespace Kubeguard.Fix.Tests;

/// <summary>
/// Every upstream Pod Security fixture at its own level and version: with every opt-in allowed and
/// <c>--run-as-user 1000</c>, a fail pod passes after the fix or exactly its manual checks remain;
/// a pass pod gets no edit.
/// </summary>
public sealed class UpstreamFixtureTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_fail_fixture_passes_after_fixing_or_only_reported_manual_checks_remain_and_pass_fixtures_get_no_edit()
    {
        var root = SharedData.UpstreamFixtures;
        if (!Directory.Exists(Path.Combine(root, "baseline")))
        {
            Assert.False(SharedData.RequiredByCi, $"CI=true but the upstream fixtures are missing at {root}");
            output.WriteLine($"NOT RUN: upstream fixtures not found at {root}");
            return;
        }

        var failures = new List<string>();
        var manualByCheck = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int failCount = 0, passCount = 0, fixedToPass = 0, manualLeft = 0;
        foreach (var levelDir in Directory.GetDirectories(root))
        {
            if (!Levels.TryParse(Path.GetFileName(levelDir), out var level))
            {
                continue;
            }

            foreach (var versionDir in Directory.GetDirectories(levelDir))
            {
                var version = PolicyVersion.Parse(Path.GetFileName(versionDir));
                var options = Fix.At(level, version, 1000, "opt-in");
                foreach (var file in Directory.GetFiles(Path.Combine(versionDir, "fail"), "*.yaml"))
                {
                    failCount++;
                    var result = FixEngine.Fix(file, File.ReadAllBytes(file), options);
                    var workload = Assert.Single(result.Workloads);
                    if (result.VerificationFailure is not null || workload.Problem is not null)
                    {
                        failures.Add($"{file}: {result.VerificationFailure ?? workload.Problem}");
                        continue;
                    }

                    var manual = workload.Actions.Where(a => a.Status == ActionStatus.Manual).Select(a => a.CheckId).ToHashSet();
                    var remaining = workload.After.Violations.Select(v => v.CheckId).ToHashSet();
                    if (workload.Actions.Any(a => a.Status is ActionStatus.NeedsOptIn or ActionStatus.Skipped or ActionStatus.Refused))
                    {
                        failures.Add($"{file}: an action was not applied although everything was allowed");
                    }
                    else if (!remaining.SetEquals(manual.Intersect(remaining)) || (remaining.Count == 0) != workload.After.Allowed)
                    {
                        failures.Add($"{file}: remaining [{string.Join(", ", remaining)}] not all reported as manual [{string.Join(", ", manual)}]");
                    }
                    else if (remaining.Count == 0)
                    {
                        fixedToPass++;
                    }
                    else
                    {
                        manualLeft++;
                        foreach (var check in remaining)
                        {
                            manualByCheck[check] = manualByCheck.GetValueOrDefault(check) + 1;
                        }
                    }
                }

                foreach (var file in Directory.GetFiles(Path.Combine(versionDir, "pass"), "*.yaml"))
                {
                    passCount++;
                    var result = FixEngine.Fix(file, File.ReadAllBytes(file), options);
                    if (result.Changed || result.Workloads.Any(w => w.Actions.Count > 0))
                    {
                        failures.Add($"{file}: a passing pod got actions");
                    }
                }
            }
        }

        output.WriteLine($"{failCount} fail fixtures: {fixedToPass} pass after fixing, {manualLeft} leave only manual checks; {passCount} pass fixtures untouched");
        output.WriteLine("manual checks left: " + string.Join(", ", manualByCheck.Select(p => $"{p.Key} {p.Value}")));
        Assert.True(failCount > 1000 && passCount > 1000, $"too few fixtures: {failCount} fail, {passCount} pass");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)) + $"\n({failures.Count} failures)");
    }
}
