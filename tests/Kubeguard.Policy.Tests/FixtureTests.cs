using k8s.Models;
using Kubeguard.Policy.Tests.Fixtures;
using Kubeguard.Testing;

namespace Kubeguard.Policy.Tests;

/// <summary>
/// The project's own generated pods under <c>tests/fixtures/pss</c>: the files must be exactly what
/// the generators produce (no file missing, none extra, none different), and each must get its
/// verdict: pass pods allowed, fail pods denied by their check (or the restricted check replacing it).
/// These run on a plain clone, without the upstream fixtures.
/// </summary>
public sealed class FixtureTests
{
    private static readonly Dictionary<string, string> CheckByPrefix =
        CheckCatalog.BuiltIn.ToDictionary(c => c.Id.ToLowerInvariant(), c => c.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> ReasonByCheck = new(StringComparer.Ordinal)
    {
        ["allowPrivilegeEscalation"] = "allowPrivilegeEscalation != false",
        ["appArmorProfile"] = "forbidden AppArmor profile",
        ["capabilities_baseline"] = "non-default capabilities",
        ["capabilities_restricted"] = "unrestricted capabilities",
        ["hostNamespaces"] = "host namespaces",
        ["hostPathVolumes"] = "hostPath volumes",
        ["hostPorts"] = "hostPort",
        ["hostProbesAndHostLifecycle"] = "probe or lifecycle host",
        ["privileged"] = "privileged",
        ["procMount"] = "procMount",
        ["procMount_restricted"] = "procMount",
        ["restrictedVolumes"] = "restricted volume types",
        ["runAsNonRoot"] = "runAsNonRoot != true",
        ["runAsUser"] = "runAsUser=0",
        ["seLinuxOptions"] = "seLinuxOptions",
        ["seccompProfile_baseline"] = "seccompProfile",
        ["seccompProfile_restricted"] = "seccompProfile",
        ["sysctls"] = "forbidden sysctls",
        ["windowsHostProcess"] = "hostProcess",
    };

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/');

    private static Dictionary<string, string> OnDisk() =>
        Directory.Exists(GeneratedFixtures.Root)
            ? Directory.EnumerateFiles(GeneratedFixtures.Root, "*", SearchOption.AllDirectories)
                .Where(f => !Kubeguard.Testing.Fixtures.IsReceivedFile(f))
                .ToDictionary(f => Normalize(Path.GetRelativePath(GeneratedFixtures.Root, f)), File.ReadAllText, StringComparer.Ordinal)
            : [];

    [Fact]
    public void The_golden_pods_on_disk_are_exactly_the_generated_ones()
    {
        // Given
        var generated = GeneratedFixtures.All().ToDictionary(f => f.RelativePath, f => f.Yaml, StringComparer.Ordinal);
        var disk = OnDisk();

        if (Kubeguard.Testing.Fixtures.UpdateRequested)
        {
            foreach (var extra in disk.Keys.Except(generated.Keys))
            {
                File.Delete(Path.Combine(GeneratedFixtures.Root, extra));
            }

            foreach (var (path, yaml) in generated)
            {
                Golden.AssertFileMatches(Path.Combine(GeneratedFixtures.Root, path), yaml);
            }

            disk = OnDisk();
        }

        // When
        var missing = generated.Keys.Except(disk.Keys).Order(StringComparer.Ordinal).ToList();
        var extraFiles = disk.Keys.Except(generated.Keys).Order(StringComparer.Ordinal).ToList();
        var different = generated.Where(g => disk.TryGetValue(g.Key, out var text) && text != g.Value).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        foreach (var (path, yaml) in generated)
        {
            var received = Golden.ReceivedPath(Path.Combine(GeneratedFixtures.Root, path));
            if (different.Contains(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(received)!);
                File.WriteAllText(received, yaml);
            }
            else
            {
                File.Delete(received);
            }
        }

        // Then
        Assert.True(missing.Count == 0 && extraFiles.Count == 0 && different.Count == 0,
            $"tests/fixtures/pss is stale (rerun with UPDATE_GOLDEN=1 and review): {missing.Count} missing, {extraFiles.Count} extra, {different.Count} different; "
            + string.Join(", ", missing.Select(m => "missing " + m).Concat(extraFiles.Select(e => "extra " + e)).Concat(different.Select(d => "different " + d)).Take(20)));
    }

    [Fact]
    public void Every_golden_pod_gets_its_verdict_and_fail_pods_are_denied_by_their_check()
    {
        var files = OnDisk();
        Assert.True(files.Count > 0, "no generated fixtures under tests/fixtures/pss (run with UPDATE_GOLDEN=1)");
        var failures = new List<string>();
        var newest = PolicyEvaluator.Default.MaxVersion;
        foreach (var (path, yaml) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var parts = path.Split('/');
            Assert.True(parts.Length == 4, $"unexpected fixture path {path}");
            var level = Levels.Parse(parts[0]);
            var version = PolicyVersion.Parse(parts[1]);
            var pod = KubeYaml.Deserialize<V1Pod>(yaml);
            ApiServerDefaults.Apply(pod.Spec, isPod: true);

            // The newest version's files also stand for latest.
            PolicyVersion[] versions = version == newest ? [version, PolicyVersion.Latest] : [version];
            foreach (var asked in versions)
            {
                var policy = new LevelVersion(level, asked);
                var result = PolicyEvaluator.Default.Evaluate(policy, pod);
                var failure = Judge(path, parts[2], policy, result);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)) + $"\n({failures.Count} failures)");
    }

    private static string? Judge(string path, string outcome, LevelVersion policy, PodSecurityResult result)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (outcome == "pass")
        {
            return result.Allowed ? null : $"{path} at {policy}: expected allowed, got {result.Message}";
        }

        if (!CheckByPrefix.TryGetValue(name.TrimEnd("0123456789".ToCharArray()), out var checkId))
        {
            return $"{path}: the file name names no check";
        }

        var denying = GeneratedFixtures.DenyingCheck(checkId, policy);
        var reason = ReasonByCheck[denying];
        return result.Violations.Any(v => v.CheckId == denying && v.Reason.StartsWith(reason, StringComparison.Ordinal))
            ? null
            : $"{path} at {policy}: expected {denying} to deny with '{reason}', got '{result.Message}'";
    }
}
