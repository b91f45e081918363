using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>
/// Every check's pass/fail generators (upstream's fixture style: the minimal valid pod plus one
/// change). Each check has at least one generator; a check's newer generator replaces the older
/// one from its minimum version.
/// </summary>
public static class FixtureGenerators
{
    private static PolicyVersion V(int minor) => PolicyVersion.Of(1, minor);

    public static IReadOnlyList<FixtureGenerator> All { get; } =
    [
        new(AllowPrivilegeEscalation.Id, V(8), None, _ =>
        [
            p => Context(Init(p)).AllowPrivilegeEscalation = null,
            p => Context(Regular(p)).AllowPrivilegeEscalation = true,
            p => Regular(p).SecurityContext = null,
            p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }],
        ]),
        new(AllowPrivilegeEscalation.Id, V(25), c => c.Level == Level.Restricted ? [MakeWindows] : [], _ =>
        [
            p => Context(Init(p)).AllowPrivilegeEscalation = null,
            p => Context(Regular(p)).AllowPrivilegeEscalation = true,
            p => { p.Spec.Os = new V1PodOS { Name = "linux" }; Regular(p).SecurityContext = null; },
            p => p.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }],
        ]),
        new(AppArmorProfile.Id, V(0), _ =>
        [
            p =>
            {
                Context(p).AppArmorProfile = new V1AppArmorProfile { Type = "RuntimeDefault" };
                Context(Regular(p)).AppArmorProfile = new V1AppArmorProfile { Type = "Localhost", LocalhostProfile = "example" };
                p.Metadata.Annotations = new Dictionary<string, string> { [AppArmorProfile.AnnotationPrefix + "container1"] = "runtime/default" };
            },
        ], _ =>
        [
            p => Context(p).AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" },
            p => Context(Init(p)).AppArmorProfile = new V1AppArmorProfile { Type = string.Empty },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [AppArmorProfile.AnnotationPrefix + "container1"] = "unconfined" },
        ]),
        new(CapabilitiesBaseline.Id, V(0), c => c.Level == Level.Baseline || c.Version < V(22)
            ? [p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = [.. CapabilitiesBaseline.Allowed.Order(StringComparer.Ordinal)] }]
            : [], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["SYS_ADMIN"] },
            p => Context(Init(p)).Capabilities = new V1Capabilities { Add = ["NET_RAW", "NET_ADMIN"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["chown"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Add = ["CAP_CHOWN"] },
        ]),
        new(CapabilitiesRestricted.Id, V(22), _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_BIND_SERVICE"] },
        ], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = [] },
            p => Context(Init(p)).Capabilities = null,
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["CHOWN"] },
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["all"] },
        ]),
        new(CapabilitiesRestricted.Id, V(25), _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_BIND_SERVICE"] },
            MakeWindows,
        ], _ =>
        [
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = [] },
            p => Context(Init(p)).Capabilities = null,
            p => Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["CHOWN"] },
            p => { p.Spec.Os = new V1PodOS { Name = "linux" }; Context(Regular(p)).Capabilities = new V1Capabilities { Drop = ["all"] }; },
        ]),
        new(HostNamespaces.Id, V(0), _ =>
        [
            p => { p.Spec.HostNetwork = false; p.Spec.HostPID = false; p.Spec.HostIPC = false; },
        ], _ =>
        [
            p => p.Spec.HostNetwork = true,
            p => p.Spec.HostPID = true,
            p => p.Spec.HostIPC = true,
        ]),
        new(HostPathVolumes.Id, V(0), _ =>
        [
            p => p.Spec.Volumes = [new V1Volume { Name = "volume-emptydir", EmptyDir = new V1EmptyDirVolumeSource() }],
        ], _ =>
        [
            p => p.Spec.Volumes = [new V1Volume { Name = "volume-hostpath", HostPath = new V1HostPathVolumeSource { Path = "/a" } }],
            p => p.Spec.Volumes =
            [
                new V1Volume { Name = "volume-hostpath-a", HostPath = new V1HostPathVolumeSource { Path = "/a" } },
                new V1Volume { Name = "volume-hostpath-b", HostPath = new V1HostPathVolumeSource { Path = "/b" } },
            ],
        ]),
        new(HostPorts.Id, V(0), _ =>
        [
            p => Regular(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 0 }],
        ], _ =>
        [
            p => Regular(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 80 }],
            p => Init(p).Ports = [new V1ContainerPort { ContainerPort = 8080, HostPort = 8080 }],
            p =>
            {
                Init(p).Ports = [new V1ContainerPort { ContainerPort = 1, HostPort = 9 }];
                Regular(p).Ports = [new V1ContainerPort { ContainerPort = 1, HostPort = 443 }, new V1ContainerPort { ContainerPort = 2, HostPort = 80 }];
            },
        ]),
        new(HostProbesAndHostLifecycle.Id, V(34), _ =>
        [
            p => Regular(p).LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080 } },
            p => Regular(p).ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080, Host = string.Empty } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Sleep = new V1SleepAction { Seconds = 1 } } },
        ], _ =>
        [
            p => Regular(p).LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080, Host = "example.com" } },
            p => Regular(p).ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080, Host = "127.0.0.1" } },
            p => Init(p).StartupProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Port = 8080, Host = "::1" } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { HttpGet = new V1HTTPGetAction { Port = 80, Host = "localhost" } } },
            p => Regular(p).Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { TcpSocket = new V1TCPSocketAction { Port = 80, Host = "10.0.0.1" } } },
        ]),
        new(Privileged.Id, V(0), _ =>
        [
            p => Context(Regular(p)).Privileged = false,
        ], _ =>
        [
            p => Context(Regular(p)).Privileged = true,
            p => Context(Init(p)).Privileged = true,
        ]),
        new(ProcMount.Id, V(0), _ =>
        [
            p => Context(Regular(p)).ProcMount = "Default",
        ], _ =>
        [
            p => Context(Regular(p)).ProcMount = "Unmasked",
            p => Context(Init(p)).ProcMount = "Unmasked",
            p => Context(Regular(p)).ProcMount = string.Empty,
        ]),
        new(ProcMount.Id, V(35), c => c.Level == Level.Baseline
            ? [p => Context(Regular(p)).ProcMount = "Default", p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Unmasked"; }]
            : [p => Context(Regular(p)).ProcMount = "Default"], _ =>
        [
            p => Context(Regular(p)).ProcMount = "Unmasked",
            p => { p.Spec.HostUsers = true; Context(Init(p)).ProcMount = "Unmasked"; },
            p => Context(Regular(p)).ProcMount = string.Empty,
        ]),
        new(ProcMountRestricted.Id, V(35), _ =>
        [
            p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Default"; },
        ], _ =>
        [
            p => { p.Spec.HostUsers = false; Context(Regular(p)).ProcMount = "Unmasked"; },
            p => Context(Init(p)).ProcMount = "Unmasked",
        ]),
        new(RestrictedVolumes.Id, V(0), _ =>
        [
            p => p.Spec.Volumes =
            [
                new V1Volume { Name = "volume0" },
                new V1Volume { Name = "volume-configmap", ConfigMap = new V1ConfigMapVolumeSource { Name = "test" } },
                new V1Volume { Name = "volume-csi", Csi = new V1CSIVolumeSource { Driver = "inline.storage.kubernetes.io" } },
                new V1Volume { Name = "volume-downwardapi", DownwardAPI = new V1DownwardAPIVolumeSource() },
                new V1Volume { Name = "volume-emptydir", EmptyDir = new V1EmptyDirVolumeSource() },
                new V1Volume { Name = "volume-ephemeral", Ephemeral = new V1EphemeralVolumeSource { VolumeClaimTemplate = new V1PersistentVolumeClaimTemplate { Spec = new V1PersistentVolumeClaimSpec() } } },
                new V1Volume { Name = "volume-image", Image = new V1ImageVolumeSource { Reference = "registry.k8s.io/pause" } },
                new V1Volume { Name = "volume-pvc", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "test" } },
                new V1Volume { Name = "volume-projected", Projected = new V1ProjectedVolumeSource { Sources = [] } },
                new V1Volume { Name = "volume-secret", Secret = new V1SecretVolumeSource { SecretName = "test" } },
            ],
        ], _ => RestrictedVolumeCases()),
        new(RunAsNonRoot.Id, V(0), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; foreach (var c in Containers(p)) { Context(c).RunAsNonRoot = true; } },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsNonRoot = null,
            p => p.Spec.SecurityContext.RunAsNonRoot = false,
            p => Context(Regular(p)).RunAsNonRoot = false,
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; Context(Init(p)).RunAsNonRoot = true; },
        ]),
        new(RunAsNonRoot.Id, V(35), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; foreach (var c in Containers(p)) { Context(c).RunAsNonRoot = true; } },
            p => { p.Spec.HostUsers = false; p.Spec.SecurityContext.RunAsNonRoot = false; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsNonRoot = null,
            p => { p.Spec.HostUsers = true; p.Spec.SecurityContext.RunAsNonRoot = false; },
            p => Context(Regular(p)).RunAsNonRoot = false,
            p => { p.Spec.SecurityContext.RunAsNonRoot = null; Context(Init(p)).RunAsNonRoot = true; },
        ]),
        new(RunAsUser.Id, V(23), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsUser = 1000; Context(Regular(p)).RunAsUser = 1001; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsUser = 0,
            p => Context(Regular(p)).RunAsUser = 0,
            p => Context(Init(p)).RunAsUser = 0,
        ]),
        new(RunAsUser.Id, V(35), _ =>
        [
            p => { p.Spec.SecurityContext.RunAsUser = 1000; Context(Regular(p)).RunAsUser = 1001; },
            p => { p.Spec.HostUsers = false; p.Spec.SecurityContext.RunAsUser = 0; },
        ], _ =>
        [
            p => p.Spec.SecurityContext.RunAsUser = 0,
            p => { p.Spec.HostUsers = true; Context(Regular(p)).RunAsUser = 0; },
            p => Context(Init(p)).RunAsUser = 0,
        ]),
        new(SeLinuxOptions.Id, V(0), _ =>
        [
            p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "container_t", Level = "s0:c1,c2" },
            p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "container_kvm_t" },
        ], SeLinuxFailures),
        new(SeLinuxOptions.Id, V(31), _ =>
        [
            p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "container_t", Level = "s0:c1,c2" },
            p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "container_engine_t" },
        ], SeLinuxFailures),
        new(SeccompProfileBaseline.Id, V(0), _ =>
        [
            p => p.Metadata.Annotations = new Dictionary<string, string>
            {
                [SeccompProfileBaseline.PodAnnotation] = "runtime/default",
                [SeccompProfileBaseline.ContainerAnnotationPrefix + "container1"] = "localhost/profile.json",
            },
        ], _ =>
        [
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.PodAnnotation] = "unconfined" },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.ContainerAnnotationPrefix + "container1"] = "unconfined" },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.ContainerAnnotationPrefix + "initcontainer1"] = string.Empty },
        ]),
        new(SeccompProfileBaseline.Id, V(19), _ =>
        [
            p => Context(p).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        ], _ =>
        [
            p => Context(p).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            p => Context(Regular(p)).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            p => Context(Init(p)).SeccompProfile = new V1SeccompProfile { Type = string.Empty },
        ]),
        new(SeccompProfileRestricted.Id, V(19), SeccompRestrictedPasses, SeccompRestrictedFailures),
        new(SeccompProfileRestricted.Id, V(25), c => [.. SeccompRestrictedPasses(c), MakeWindows], SeccompRestrictedFailures),
        new(Sysctls.Id, V(0), SysctlPasses, SysctlFailures),
        new(WindowsHostProcess.Id, V(0), _ =>
        [
            p => { Context(p).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false }; Context(Regular(p)).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false }; },
        ], _ =>
        [
            p => Context(p).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true },
            p => Context(Regular(p)).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true },
        ]),
    ];

    private static IEnumerable<Action<V1Pod>> RestrictedVolumeCases()
    {
        Func<V1Volume, V1Volume>[] sources =
        [
            v => { v.HostPath = new V1HostPathVolumeSource { Path = "/a" }; return v; },
            v => { v.GcePersistentDisk = new V1GCEPersistentDiskVolumeSource { PdName = "test" }; return v; },
            v => { v.AwsElasticBlockStore = new V1AWSElasticBlockStoreVolumeSource { VolumeID = "test" }; return v; },
            v => { v.GitRepo = new V1GitRepoVolumeSource { Repository = "github.com/kubernetes/kubernetes" }; return v; },
            v => { v.Nfs = new V1NFSVolumeSource { Server = "test", Path = "/test" }; return v; },
            v => { v.Iscsi = new V1ISCSIVolumeSource { TargetPortal = "test", Iqn = "iqn.2001-04.com.example:storage.kube.sys1.xyz", Lun = 0 }; return v; },
            v => { v.Glusterfs = new V1GlusterfsVolumeSource { Endpoints = "test", Path = "test" }; return v; },
            v => { v.Rbd = new V1RBDVolumeSource { Monitors = ["test"], Image = "test" }; return v; },
            v => { v.FlexVolume = new V1FlexVolumeSource { Driver = "test" }; return v; },
            v => { v.Cinder = new V1CinderVolumeSource { VolumeID = "test" }; return v; },
            v => { v.Cephfs = new V1CephFSVolumeSource { Monitors = ["test"] }; return v; },
            v => { v.Flocker = new V1FlockerVolumeSource { DatasetName = "test" }; return v; },
            v => { v.Fc = new V1FCVolumeSource { Wwids = ["test"] }; return v; },
            v => { v.AzureFile = new V1AzureFileVolumeSource { SecretName = "test", ShareName = "test" }; return v; },
            v => { v.VsphereVolume = new V1VsphereVirtualDiskVolumeSource { VolumePath = "test" }; return v; },
            v => { v.Quobyte = new V1QuobyteVolumeSource { Registry = "localhost:1234", Volume = "test" }; return v; },
            v => { v.AzureDisk = new V1AzureDiskVolumeSource { DiskName = "test", DiskURI = "https://test.blob.core.windows.net/test/test.vhd" }; return v; },
            v => { v.PhotonPersistentDisk = new V1PhotonPersistentDiskVolumeSource { PdID = "test" }; return v; },
            v => { v.PortworxVolume = new V1PortworxVolumeSource { VolumeID = "test" }; return v; },
            v => { v.ScaleIO = new V1ScaleIOVolumeSource { Gateway = "localhost", System = "test", SecretRef = new V1LocalObjectReference { Name = "test" } }; return v; },
            v => { v.Storageos = new V1StorageOSVolumeSource { VolumeName = "test" }; return v; },
        ];
        return sources.Select<Func<V1Volume, V1Volume>, Action<V1Pod>>(source => p => p.Spec.Volumes = [source(new V1Volume { Name = "volume" })]);
    }

    private static IEnumerable<Action<V1Pod>> SeLinuxFailures(FixtureContext context) =>
    [
        p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" },
        p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "bar_t" },
        p => Context(Init(p)).SeLinuxOptions = new V1SELinuxOptions { User = "root" },
        p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Role = "sysadm_r" },
        p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = context.Version < V(31) ? "container_engine_t" : "container_runtime_t" },
    ];

    private static IEnumerable<Action<V1Pod>> SeccompRestrictedPasses(FixtureContext context) =>
    [
        p => { p.Spec.SecurityContext.SeccompProfile = null; foreach (var c in Containers(p)) { Context(c).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }; } },
        p => p.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = "testing" },
    ];

    private static IEnumerable<Action<V1Pod>> SeccompRestrictedFailures(FixtureContext context) =>
    [
        p => p.Spec.SecurityContext.SeccompProfile = null,
        p => p.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
        p => Context(Regular(p)).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
        p => { p.Spec.SecurityContext.SeccompProfile = null; Context(Init(p)).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" }; },
    ];

    /// <summary>The sysctls a version allows, newest list first.</summary>
    internal static IReadOnlySet<string> AllowedSysctls(PolicyVersion version) =>
        version >= V(37) ? Sysctls.AllowedV1_37
        : version >= V(32) ? Sysctls.AllowedV1_32
        : version >= V(29) ? Sysctls.AllowedV1_29
        : version >= V(27) ? Sysctls.AllowedV1_27
        : Sysctls.AllowedV1_0;

    private static Action<V1Pod> SetSysctls(IEnumerable<string> names) =>
        p => Context(p).Sysctls = [.. names.Select(n => new V1Sysctl { Name = n, Value = "0" })];

    private static IEnumerable<Action<V1Pod>> SysctlPasses(FixtureContext context) =>
    [
        SetSysctls(AllowedSysctls(context.Version).Order(StringComparer.Ordinal)),
    ];

    // A sysctl from outside every list, plus each one a later version allows (rejected until then).
    private static IEnumerable<Action<V1Pod>> SysctlFailures(FixtureContext context) =>
    [
        SetSysctls(["kernel.msgmax"]),
        .. Sysctls.AllowedV1_37.Except(AllowedSysctls(context.Version)).Order(StringComparer.Ordinal).Select(name => SetSysctls([name])),
    ];
}
