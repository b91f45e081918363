using k8s.Models;

namespace Kubeguard.Benchmarks;

/// <summary>The two pods the benchmarks evaluate.</summary>
public static class BenchmarkPods
{
    /// <summary>The smallest pod restricted:latest allows: runAsNonRoot, RuntimeDefault seccomp, no escalation, all capabilities dropped.</summary>
    public static V1Pod MinimalRestricted() => new()
    {
        Metadata = new V1ObjectMeta { Name = "minimal" },
        Spec = new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
            InitContainers = [Hardened("init")],
            Containers = [Hardened("app")],
        },
    };

    /// <summary>A pod that breaks almost every check, in several containers.</summary>
    public static V1Pod ViolatingMost() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "violating",
            Annotations = new Dictionary<string, string>
            {
                ["container.apparmor.security.beta.kubernetes.io/app"] = "unconfined",
                ["seccomp.security.alpha.kubernetes.io/pod"] = "unconfined",
            },
        },
        Spec = new V1PodSpec
        {
            HostNetwork = true,
            HostPID = true,
            HostIPC = true,
            SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = false,
                RunAsUser = 0,
                SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
                SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t", User = "root" },
                Sysctls = [new V1Sysctl { Name = "kernel.msgmax", Value = "1" }, new V1Sysctl { Name = "net.core.somaxconn", Value = "1" }],
                WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true },
            },
            Volumes =
            [
                new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/" } },
                new V1Volume { Name = "nfs", Nfs = new V1NFSVolumeSource { Server = "nfs", Path = "/" } },
            ],
            InitContainers = [Violating("init", 53)],
            Containers = [Violating("app", 80), Violating("sidecar", 443)],
        },
    };

    private static V1Container Hardened(string name) => new()
    {
        Name = name,
        Image = "registry.k8s.io/pause",
        SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
    };

    private static V1Container Violating(string name, int port) => new()
    {
        Name = name,
        Image = "registry.k8s.io/pause",
        Ports = [new V1ContainerPort { ContainerPort = port, HostPort = port }],
        LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Host = "example.com", Port = port } },
        SecurityContext = new V1SecurityContext
        {
            Privileged = true,
            AllowPrivilegeEscalation = true,
            RunAsNonRoot = false,
            RunAsUser = 0,
            ProcMount = "Unmasked",
            Capabilities = new V1Capabilities { Add = ["SYS_ADMIN", "NET_ADMIN"] },
            SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" },
            SeLinuxOptions = new V1SELinuxOptions { Role = "sysadm_r" },
        },
    };
}
