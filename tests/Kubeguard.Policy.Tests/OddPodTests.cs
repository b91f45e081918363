using k8s.Models;

namespace Kubeguard.Policy.Tests;

/// <summary>Absent, empty and odd fields never make the engine throw, at any level and version.</summary>
public sealed class OddPodTests
{
    private static IEnumerable<(string Name, V1ObjectMeta? Metadata, V1PodSpec? Spec)> OddPods()
    {
        yield return ("null spec", null, null);
        yield return ("empty spec", new V1ObjectMeta(), new V1PodSpec());
        yield return ("empty lists", new V1ObjectMeta { Annotations = new Dictionary<string, string>() }, new V1PodSpec
        {
            Containers = [],
            InitContainers = [],
            EphemeralContainers = [],
            Volumes = [],
            SecurityContext = new V1PodSecurityContext { Sysctls = [] },
        });
        yield return ("null entries in lists", null, new V1PodSpec
        {
            Containers = [null!, new V1Container { Ports = [null!], SecurityContext = new V1SecurityContext { Capabilities = new V1Capabilities { Add = [null!], Drop = [null!] } } }],
            InitContainers = [null!],
            EphemeralContainers = [null!, new V1EphemeralContainer()],
            Volumes = [null!, new V1Volume()],
            SecurityContext = new V1PodSecurityContext { Sysctls = [null!, new V1Sysctl()] },
        });
        yield return ("empty objects everywhere", new V1ObjectMeta { Annotations = new Dictionary<string, string> { [string.Empty] = string.Empty } }, new V1PodSpec
        {
            Os = new V1PodOS(),
            SecurityContext = new V1PodSecurityContext
            {
                SeccompProfile = new V1SeccompProfile(),
                AppArmorProfile = new V1AppArmorProfile(),
                SeLinuxOptions = new V1SELinuxOptions(),
                WindowsOptions = new V1WindowsSecurityContextOptions(),
            },
            Containers =
            [
                new V1Container
                {
                    SecurityContext = new V1SecurityContext
                    {
                        Capabilities = new V1Capabilities(), SeccompProfile = new V1SeccompProfile(), AppArmorProfile = new V1AppArmorProfile(),
                        SeLinuxOptions = new V1SELinuxOptions(), WindowsOptions = new V1WindowsSecurityContextOptions(),
                    },
                    LivenessProbe = new V1Probe(), ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction() }, StartupProbe = new V1Probe { TcpSocket = new V1TCPSocketAction() },
                    Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler(), PreStop = new V1LifecycleHandler() },
                },
            ],
        });
        yield return ("empty strings", new V1ObjectMeta
        {
            Name = string.Empty,
            Annotations = new Dictionary<string, string>
            {
                ["container.apparmor.security.beta.kubernetes.io/"] = string.Empty,
                ["seccomp.security.alpha.kubernetes.io/pod"] = string.Empty,
                ["container.seccomp.security.alpha.kubernetes.io/"] = string.Empty,
            },
        }, new V1PodSpec
        {
            Os = new V1PodOS { Name = string.Empty },
            Containers = [new V1Container { Name = string.Empty, SecurityContext = new V1SecurityContext { ProcMount = string.Empty, SeccompProfile = new V1SeccompProfile { Type = string.Empty } } }],
            Volumes = [new V1Volume { Name = string.Empty }],
            SecurityContext = new V1PodSecurityContext { Sysctls = [new V1Sysctl { Name = string.Empty, Value = string.Empty }] },
        });
        yield return ("false everywhere", null, new V1PodSpec
        {
            HostNetwork = false,
            HostPID = false,
            HostIPC = false,
            HostUsers = false,
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = false, RunAsUser = 0, WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false } },
            Containers = [new V1Container { Name = "a", SecurityContext = new V1SecurityContext { Privileged = false, AllowPrivilegeEscalation = false, RunAsNonRoot = false, RunAsUser = 0 } }],
        });
    }

    [Fact]
    public void Odd_pods_never_throw_at_any_level_or_version()
    {
        var versions = Enumerable.Range(0, 39).Select(m => PolicyVersion.Of(1, m)).Append(PolicyVersion.Latest).ToList();
        var evaluations = 0;
        foreach (var (name, metadata, spec) in OddPods())
        {
            foreach (var level in Levels.All)
            {
                foreach (var version in versions)
                {
                    var policy = new LevelVersion(level, version);
                    var result = PolicyEvaluator.Default.Evaluate(policy, metadata, spec);
                    _ = result.Message + result.ForbiddenReason + result.DenialMessage(metadata?.Name);
                    Assert.True(level != Level.Privileged || result.Allowed, $"{name}: privileged must allow");
                    Assert.DoesNotContain("unknown forbidden reason", result.Message, StringComparison.Ordinal);
                    evaluations++;
                }
            }
        }

        Assert.Equal(7 * 3 * 40, evaluations);
    }

    [Fact]
    public void An_empty_pod_is_allowed_everywhere()
    {
        foreach (var level in Levels.All)
        {
            Assert.True(PolicyEvaluator.Default.Evaluate(new LevelVersion(level, PolicyVersion.Latest), null, new V1PodSpec()).Allowed);
            Assert.True(PolicyEvaluator.Default.Evaluate(new LevelVersion(level, PolicyVersion.Of(1, 0)), null, null).Allowed);
        }
    }

    [Fact]
    public void Null_false_and_empty_give_different_verdicts()
    {
        var policy = new LevelVersion(Level.Restricted, PolicyVersion.Latest);
        V1PodSpec Seccomp(V1SeccompProfile? profile) => new()
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = profile },
            Containers = [new V1Container { Name = "a", SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } } }],
        };

        Assert.Equal("seccompProfile (pod or container \"a\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            PolicyEvaluator.Default.Evaluate(policy, null, Seccomp(null)).ForbiddenDetail);
        Assert.Equal("seccompProfile (pod must not set securityContext.seccompProfile.type to \"\")",
            PolicyEvaluator.Default.Evaluate(policy, null, Seccomp(new V1SeccompProfile())).ForbiddenDetail);
        Assert.True(PolicyEvaluator.Default.Evaluate(policy, null, Seccomp(new V1SeccompProfile { Type = "RuntimeDefault" })).Allowed);
    }
}
