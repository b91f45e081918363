using k8s.Models;
using Kubeguard.Testing;
using Xunit.Abstractions;

namespace Kubeguard.Policy.Tests;

/// <summary>
/// Walks every upstream fixture (<c>&lt;level&gt;/v1.N/{pass,fail}/&lt;check&gt;&lt;i&gt;.yaml</c>) and asserts
/// what the fixtures' README requires: pass pods are allowed at the folder's level and version;
/// fail pods are denied and the full API denial text contains the check's expected substring.
/// </summary>
public sealed class UpstreamConformanceTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> ExpectedSubstring = new(StringComparer.Ordinal)
    {
        ["allowprivilegeescalation"] = "allowPrivilegeEscalation",
        ["apparmorprofile"] = "forbidden AppArmor profile",
        ["capabilities_baseline"] = "capabilities",
        ["capabilities_restricted"] = "unrestricted capabilities",
        ["hostnamespaces"] = "host namespaces",
        ["hostpathvolumes"] = "hostPath",
        ["hostports"] = "hostPort",
        ["hostprobesandhostlifecycle"] = "probe or lifecycle host",
        ["privileged"] = "privileged",
        ["procmount"] = "procMount",
        ["procmount_restricted"] = "procMount",
        ["restrictedvolumes"] = "restricted volume types",
        ["runasnonroot"] = "runAsNonRoot",
        ["runasuser"] = "runAsUser",
        ["seccompprofile_baseline"] = "seccompProfile",
        ["seccompprofile_restricted"] = "seccompProfile",
        ["selinuxoptions"] = "seLinuxOptions",
        ["sysctls"] = "forbidden sysctl",
        ["windowshostprocess"] = "hostProcess",
    };

    private sealed record Fixture(string Path, Level Level, PolicyVersion Version, bool ExpectPass, string Prefix);

    private static List<Fixture> All()
    {
        var fixtures = new List<Fixture>();
        foreach (var levelDir in Directory.GetDirectories(UpstreamFixtures.Root))
        {
            if (!Levels.TryParse(Path.GetFileName(levelDir), out var level))
            {
                continue;
            }

            foreach (var versionDir in Directory.GetDirectories(levelDir))
            {
                var version = PolicyVersion.Parse(Path.GetFileName(versionDir));
                foreach (var outcome in new[] { "pass", "fail" })
                {
                    var dir = Path.Combine(versionDir, outcome);
                    if (!Directory.Exists(dir))
                    {
                        continue;
                    }

                    foreach (var file in Directory.GetFiles(dir, "*.yaml"))
                    {
                        var name = Path.GetFileNameWithoutExtension(file);
                        fixtures.Add(new Fixture(file, level, version, outcome == "pass", name.TrimEnd("0123456789".ToCharArray())));
                    }
                }
            }
        }

        return fixtures;
    }

    private static V1Pod Load(string path)
    {
        var pod = KubeYaml.Deserialize<V1Pod>(File.ReadAllText(path));
        ApiServerDefaults.Apply(pod.Spec, isPod: true);
        return pod;
    }

    [Fact]
    public void Every_upstream_fixture_gets_the_upstream_verdict_and_message()
    {
        if (!UpstreamFixtures.Available)
        {
            Assert.False(UpstreamFixtures.RequiredByCi, $"CI=true but the upstream fixtures are missing at {UpstreamFixtures.Root}");
            output.WriteLine($"NOT RUN: upstream fixtures not found at {UpstreamFixtures.Root} (set KUBEGUARD_PSS_FIXTURES)");
            return;
        }

        var fixtures = All();
        var failures = new List<string>();
        foreach (var fixture in fixtures)
        {
            var pod = Load(fixture.Path);
            var result = PolicyEvaluator.Default.Evaluate(new LevelVersion(fixture.Level, fixture.Version), pod);
            if (fixture.ExpectPass)
            {
                if (!result.Allowed)
                {
                    failures.Add($"{fixture.Path}: expected allowed, got {result.Message}");
                }

                continue;
            }

            var denial = result.DenialMessage(pod.Metadata?.Name);
            if (!ExpectedSubstring.TryGetValue(fixture.Prefix, out var expected))
            {
                failures.Add($"{fixture.Path}: no expected substring for prefix {fixture.Prefix}");
            }
            else if (result.Allowed || !denial.Contains(expected, StringComparison.Ordinal) || denial.Contains("unknown forbidden reason", StringComparison.Ordinal))
            {
                failures.Add($"{fixture.Path}: expected denial containing {expected}, got '{denial}'");
            }
        }

        Assert.True(fixtures.Count == 4537, $"expected 4537 upstream fixtures, found {fixtures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(50)) + $"\n({failures.Count} failures)");
        output.WriteLine($"{fixtures.Count} upstream fixtures checked");
    }

    [Fact]
    public void Latest_and_future_versions_agree_with_the_newest_fixtures()
    {
        if (!UpstreamFixtures.Available)
        {
            Assert.False(UpstreamFixtures.RequiredByCi, $"CI=true but the upstream fixtures are missing at {UpstreamFixtures.Root}");
            output.WriteLine($"NOT RUN: upstream fixtures not found at {UpstreamFixtures.Root}");
            return;
        }

        var newest = PolicyEvaluator.Default.MaxVersion;
        var checkedCount = 0;
        foreach (var fixture in All().Where(f => f.Version == newest))
        {
            var pod = Load(fixture.Path);
            var atNewest = PolicyEvaluator.Default.Evaluate(new LevelVersion(fixture.Level, newest), pod);
            foreach (var other in new[] { PolicyVersion.Latest, PolicyVersion.Of(1, 99) })
            {
                var result = PolicyEvaluator.Default.Evaluate(new LevelVersion(fixture.Level, other), pod);
                Assert.Equal(atNewest.Allowed, result.Allowed);
                Assert.Equal(atNewest.ForbiddenDetail, result.ForbiddenDetail);
                Assert.Contains(other.ToString(), result.Allowed ? other.ToString() : result.Message, StringComparison.Ordinal);
                checkedCount++;
            }
        }

        Assert.True(checkedCount > 0, "no fixtures at the newest version");
    }
}
