using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="RestrictedVolumes"/>: the minimal valid pod plus one change.</summary>
internal static class RestrictedVolumesFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
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
}
