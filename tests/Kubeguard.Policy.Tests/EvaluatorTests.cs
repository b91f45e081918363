using System.Collections.Immutable;
using k8s.Models;

namespace Kubeguard.Policy.Tests;

/// <summary>Version tables, overrides, ordering and the emulation cap, on synthetic and built-in catalogs.</summary>
public sealed class EvaluatorTests
{
    // Every synthetic check forbids with reason = its ID and detail = "<id>:<minimum version of the implementation>".
    private static Check Synthetic(string id, Level level, params (int Minor, string[] Overrides)[] versions) =>
        new(id, level, [.. versions.Select(v => new VersionedCheck(PolicyVersion.Of(1, v.Minor), (_, _) => CheckResult.Forbid(id, $"{id}:v1.{v.Minor}")) { Overrides = [.. v.Overrides] })]);

    private static readonly ImmutableArray<Check> Synthetics =
    [
        Synthetic("a", Level.Baseline, (0, [])),
        Synthetic("b", Level.Baseline, (0, []), (3, []), (5, [])),
        Synthetic("Z", Level.Baseline, (0, [])),
        Synthetic("e", Level.Baseline, (4, [])),
        Synthetic("c", Level.Restricted, (1, [])),
        Synthetic("d", Level.Restricted, (2, ["b"]), (4, [])),
        Synthetic("B", Level.Restricted, (3, ["Z"])),
    ];

    private static string Run(PolicyEvaluator evaluator, string policy)
    {
        Assert.True(LevelVersion.TryParse(policy, out var levelVersion), policy);
        var result = evaluator.Evaluate(levelVersion, null, new V1PodSpec());
        return string.Join(" ", result.Violations.Select(v => v.Detail));
    }

    public static TheoryData<string, string> SyntheticTable => new()
    {
        { "privileged:latest", "" },
        { "privileged:v1.0", "" },
        { "baseline:v1.0", "Z:v1.0 a:v1.0 b:v1.0" },
        { "baseline:v1.2", "Z:v1.0 a:v1.0 b:v1.0" },
        { "baseline:v1.3", "Z:v1.0 a:v1.0 b:v1.3" },
        { "baseline:v1.4", "Z:v1.0 a:v1.0 b:v1.3 e:v1.4" },
        { "baseline:v1.5", "Z:v1.0 a:v1.0 b:v1.5 e:v1.4" },
        { "baseline:v1.6", "Z:v1.0 a:v1.0 b:v1.5 e:v1.4" },
        { "baseline:v1.10000", "Z:v1.0 a:v1.0 b:v1.5 e:v1.4" },
        { "baseline:latest", "Z:v1.0 a:v1.0 b:v1.5 e:v1.4" },
        { "restricted:v1.0", "Z:v1.0 a:v1.0 b:v1.0" },
        { "restricted:v1.1", "Z:v1.0 a:v1.0 b:v1.0 c:v1.1" },
        { "restricted:v1.2", "Z:v1.0 a:v1.0 c:v1.1 d:v1.2" },
        { "restricted:v1.3", "a:v1.0 B:v1.3 c:v1.1 d:v1.2" },
        { "restricted:v1.4", "a:v1.0 b:v1.3 e:v1.4 B:v1.3 c:v1.1 d:v1.4" },
        { "restricted:v1.5", "a:v1.0 b:v1.5 e:v1.4 B:v1.3 c:v1.1 d:v1.4" },
        { "restricted:v1.10000", "a:v1.0 b:v1.5 e:v1.4 B:v1.3 c:v1.1 d:v1.4" },
        { "restricted:latest", "a:v1.0 b:v1.5 e:v1.4 B:v1.3 c:v1.1 d:v1.4" },
    };

    [Theory]
    [MemberData(nameof(SyntheticTable))]
    public void Runs_the_newest_implementation_per_check_with_overrides_in_ordinal_order(string policy, string expected) =>
        Assert.Equal(expected, Run(PolicyEvaluator.Create(Synthetics), policy));

    [Fact]
    public void The_max_version_is_the_newest_minimum_version()
    {
        Assert.Equal(PolicyVersion.Of(1, 5), PolicyEvaluator.Create(Synthetics).MaxVersion);
        Assert.Equal(PolicyVersion.Of(1, 37), PolicyEvaluator.Default.MaxVersion);
    }

    [Fact]
    public void A_check_at_v1_10000_is_active_there_and_at_latest_only()
    {
        var evaluator = PolicyEvaluator.Create([Synthetic("a", Level.Baseline, (0, [])), Synthetic("far", Level.Baseline, (10000, []))]);
        Assert.Equal("a:v1.0", Run(evaluator, "baseline:v1.9999"));
        Assert.Equal("a:v1.0 far:v1.10000", Run(evaluator, "baseline:v1.10000"));
        Assert.Equal("a:v1.0 far:v1.10000", Run(evaluator, "baseline:latest"));
        Assert.Equal("a:v1.0 far:v1.10000", Run(evaluator, "baseline:v1.9223372036854775807"));
    }

    public static TheoryData<string, string> EmulatedTable => new()
    {
        { "baseline:latest", "Z:v1.0 a:v1.0 b:v1.3" },
        { "baseline:v1.4", "Z:v1.0 a:v1.0 b:v1.3" },
        { "baseline:v1.2", "Z:v1.0 a:v1.0 b:v1.0" },
        { "restricted:latest", "a:v1.0 B:v1.3 c:v1.1 d:v1.2" },
    };

    [Theory]
    [MemberData(nameof(EmulatedTable))]
    public void An_emulation_version_caps_latest_and_newer_versions(string policy, string expected)
    {
        var evaluator = PolicyEvaluator.Create(Synthetics, PolicyVersion.Of(1, 3));
        Assert.Equal(PolicyVersion.Of(1, 3), evaluator.MaxVersion);
        Assert.Equal(expected, Run(evaluator, policy));
    }

    [Fact]
    public void An_emulation_version_newer_than_the_catalog_or_latest_changes_nothing()
    {
        Assert.Equal(PolicyVersion.Of(1, 5), PolicyEvaluator.Create(Synthetics, PolicyVersion.Of(1, 99)).MaxVersion);
        Assert.Equal(PolicyVersion.Of(1, 5), PolicyEvaluator.Create(Synthetics, PolicyVersion.Latest).MaxVersion);
    }

    [Fact]
    public void An_empty_catalog_allows_everything()
    {
        var evaluator = PolicyEvaluator.Create([]);
        Assert.Equal(string.Empty, Run(evaluator, "restricted:latest"));
        Assert.Equal(string.Empty, Run(evaluator, "baseline:v1.0"));
        Assert.True(evaluator.Evaluate(new LevelVersion(Level.Restricted, PolicyVersion.Of(1, 99)), null, null).Allowed);
    }

    [Fact]
    public void A_baseline_only_catalog_runs_the_same_checks_at_restricted()
    {
        var evaluator = PolicyEvaluator.Create([Synthetic("b", Level.Baseline, (0, []), (2, [])), Synthetic("a", Level.Baseline, (1, []))]);
        Assert.Equal("b:v1.0", Run(evaluator, "restricted:v1.0"));
        Assert.Equal("a:v1.1 b:v1.2", Run(evaluator, "restricted:latest"));
        Assert.Equal("a:v1.1 b:v1.2", Run(evaluator, "baseline:latest"));
    }

    [Fact]
    public void A_restricted_only_catalog_runs_nothing_at_baseline()
    {
        var evaluator = PolicyEvaluator.Create([Synthetic("r", Level.Restricted, (1, []))]);
        Assert.Equal(string.Empty, Run(evaluator, "baseline:latest"));
        Assert.Equal(string.Empty, Run(evaluator, "restricted:v1.0"));
        Assert.Equal("r:v1.1", Run(evaluator, "restricted:v1.1"));
    }

    [Fact]
    public void A_forbidding_check_without_a_reason_gets_upstreams_placeholder()
    {
        var evaluator = PolicyEvaluator.Create([new Check("x", Level.Baseline, [new(PolicyVersion.Of(1, 0), (_, _) => CheckResult.Forbid(string.Empty, "detail"))])]);
        var result = evaluator.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Latest), null, null);
        Assert.Equal("unknown forbidden reason (detail)", result.ForbiddenDetail);
    }

    [Fact]
    public void An_invalid_catalog_is_rejected_with_every_problem()
    {
        Check[] invalid =
        [
            Synthetic("dup", Level.Baseline, (0, [])),
            Synthetic("dup", Level.Baseline, (0, [])),
            Synthetic("priv", Level.Privileged, (0, [])),
            new("none", Level.Baseline, []),
            Synthetic("down", Level.Baseline, (3, []), (2, [])),
            new("late", Level.Baseline, [new(PolicyVersion.Latest, (_, _) => CheckResult.Allow)]),
            Synthetic("bover", Level.Baseline, (0, ["dup"])),
            Synthetic("ghost", Level.Restricted, (0, ["missing"])),
        ];

        var exception = Assert.Throws<InvalidCheckCatalogException>(() => PolicyEvaluator.Create(invalid));
        var problems = CatalogValidation.Problems(invalid);
        Assert.Equal(7, problems.Count);
        foreach (var problem in problems)
        {
            Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        }

        Assert.Contains(problems, p => p.Contains("dup: duplicate ID", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("priv: level must be baseline or restricted", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("none: no versions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("down: versions must strictly increase", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("late: minimum version may not be latest", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("bover: only restricted checks may override", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("overrides unknown baseline check missing", StringComparison.Ordinal));
    }

    private const string Baseline0 = "appArmorProfile capabilities_baseline hostNamespaces hostPathVolumes hostPorts privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess";
    private const string Baseline34 = "appArmorProfile capabilities_baseline hostNamespaces hostPathVolumes hostPorts hostProbesAndHostLifecycle privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess";

    public static TheoryData<string, string> BuiltInOrder => new()
    {
        { "baseline:v1.0", Baseline0 },
        { "baseline:v1.33", Baseline0 },
        { "baseline:v1.34", Baseline34 },
        { "baseline:latest", Baseline34 },
        { "restricted:v1.0", "appArmorProfile capabilities_baseline hostNamespaces hostPorts privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess restrictedVolumes runAsNonRoot" },
        { "restricted:v1.7", "appArmorProfile capabilities_baseline hostNamespaces hostPorts privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess restrictedVolumes runAsNonRoot" },
        { "restricted:v1.8", "appArmorProfile capabilities_baseline hostNamespaces hostPorts privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess allowPrivilegeEscalation restrictedVolumes runAsNonRoot" },
        { "restricted:v1.18", "appArmorProfile capabilities_baseline hostNamespaces hostPorts privileged procMount seLinuxOptions seccompProfile_baseline sysctls windowsHostProcess allowPrivilegeEscalation restrictedVolumes runAsNonRoot" },
        { "restricted:v1.19", "appArmorProfile capabilities_baseline hostNamespaces hostPorts privileged procMount seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation restrictedVolumes runAsNonRoot seccompProfile_restricted" },
        { "restricted:v1.22", "appArmorProfile hostNamespaces hostPorts privileged procMount seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted restrictedVolumes runAsNonRoot seccompProfile_restricted" },
        { "restricted:v1.23", "appArmorProfile hostNamespaces hostPorts privileged procMount seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted restrictedVolumes runAsNonRoot runAsUser seccompProfile_restricted" },
        { "restricted:v1.33", "appArmorProfile hostNamespaces hostPorts privileged procMount seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted restrictedVolumes runAsNonRoot runAsUser seccompProfile_restricted" },
        { "restricted:v1.34", "appArmorProfile hostNamespaces hostPorts hostProbesAndHostLifecycle privileged procMount seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted restrictedVolumes runAsNonRoot runAsUser seccompProfile_restricted" },
        { "restricted:v1.35", "appArmorProfile hostNamespaces hostPorts hostProbesAndHostLifecycle privileged seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted procMount_restricted restrictedVolumes runAsNonRoot runAsUser seccompProfile_restricted" },
        { "restricted:latest", "appArmorProfile hostNamespaces hostPorts hostProbesAndHostLifecycle privileged seLinuxOptions sysctls windowsHostProcess allowPrivilegeEscalation capabilities_restricted procMount_restricted restrictedVolumes runAsNonRoot runAsUser seccompProfile_restricted" },
        { "privileged:latest", "" },
    };

    [Theory]
    [MemberData(nameof(BuiltInOrder))]
    public void The_built_in_catalog_runs_the_checks_of_the_spec_table_in_order(string policy, string expected)
    {
        Assert.True(LevelVersion.TryParse(policy, out var levelVersion));
        Assert.Equal(expected, string.Join(" ", PolicyEvaluator.Default.CheckIds(levelVersion)));
    }

    private static V1PodSpec ProbeWithHost() => new()
    {
        Containers = [new V1Container { Name = "a", LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Host = "example.com", Port = 80 } } }],
    };

    [Fact]
    public void A_cluster_of_1_33_does_not_know_the_1_34_probe_check()
    {
        var cluster133 = PolicyEvaluator.ForKubernetesMinor(33);
        Assert.Equal(PolicyVersion.Of(1, 33), cluster133.MaxVersion);
        Assert.True(cluster133.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Latest), null, ProbeWithHost()).Allowed);
        Assert.True(cluster133.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 34)), null, ProbeWithHost()).Allowed);

        var cluster134 = PolicyEvaluator.ForKubernetesMinor(34);
        Assert.False(cluster134.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Latest), null, ProbeWithHost()).Allowed);
        Assert.False(PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 34)), null, ProbeWithHost()).Allowed);
        Assert.Same(cluster133, PolicyEvaluator.ForKubernetesMinor(33));
    }

    [Fact]
    public void A_cluster_of_1_36_evaluates_latest_as_v1_35()
    {
        var spec = new V1PodSpec
        {
            Containers = [new V1Container { Name = "a" }],
            SecurityContext = new V1PodSecurityContext { Sysctls = [new V1Sysctl { Name = "net.ipv4.tcp_notsent_lowat", Value = "1" }] },
        };
        var latest = new LevelVersion(Level.Baseline, PolicyVersion.Latest);
        Assert.Equal("forbidden sysctls (net.ipv4.tcp_notsent_lowat)", PolicyEvaluator.ForKubernetesMinor(36).Evaluate(latest, null, spec).ForbiddenDetail);
        Assert.True(PolicyEvaluator.Default.Evaluate(latest, null, spec).Allowed);
    }

    [Fact]
    public void Messages_print_the_requested_version_not_the_evaluated_one()
    {
        var spec = new V1PodSpec { HostPID = true };
        var result = PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 99)), null, spec);
        Assert.Equal("violates PodSecurity \"baseline:v1.99\": host namespaces (hostPID=true)", result.Message);
        Assert.Equal(PolicyVersion.Of(1, 37), PolicyEvaluator.Default.EffectiveVersion(PolicyVersion.Of(1, 99)));
        Assert.Equal(PolicyVersion.Of(1, 37), PolicyEvaluator.Default.EffectiveVersion(PolicyVersion.Latest));
        Assert.Equal(PolicyVersion.Of(1, 25), PolicyEvaluator.Default.EffectiveVersion(PolicyVersion.Of(1, 25)));
    }

    [Fact]
    public void Privileged_allows_everything()
    {
        var spec = new V1PodSpec { HostPID = true, Containers = [new V1Container { Name = "a", SecurityContext = new V1SecurityContext { Privileged = true } }] };
        Assert.True(PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Privileged, PolicyVersion.Of(1, 0)), null, spec).Allowed);
    }
}
