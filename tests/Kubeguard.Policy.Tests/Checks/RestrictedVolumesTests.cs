using k8s.Models;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class RestrictedVolumesTests
{
    private const string Reason = "restricted volume types";

    private static V1PodSpec Volumes(params V1Volume[] volumes) => new() { Containers = [Pods.C("a")], Volumes = volumes };

    private static V1Volume[] EveryForbiddenSource() =>
    [
        new() { Name = "v01", HostPath = new V1HostPathVolumeSource() },
        new() { Name = "v02", GcePersistentDisk = new V1GCEPersistentDiskVolumeSource() },
        new() { Name = "v03", AwsElasticBlockStore = new V1AWSElasticBlockStoreVolumeSource() },
        new() { Name = "v04", GitRepo = new V1GitRepoVolumeSource() },
        new() { Name = "v05", Nfs = new V1NFSVolumeSource() },
        new() { Name = "v06", Iscsi = new V1ISCSIVolumeSource() },
        new() { Name = "v07", Glusterfs = new V1GlusterfsVolumeSource() },
        new() { Name = "v08", Rbd = new V1RBDVolumeSource() },
        new() { Name = "v09", FlexVolume = new V1FlexVolumeSource() },
        new() { Name = "v10", Cinder = new V1CinderVolumeSource() },
        new() { Name = "v11", Cephfs = new V1CephFSVolumeSource() },
        new() { Name = "v12", Flocker = new V1FlockerVolumeSource() },
        new() { Name = "v13", Fc = new V1FCVolumeSource() },
        new() { Name = "v14", AzureFile = new V1AzureFileVolumeSource() },
        new() { Name = "v15", VsphereVolume = new V1VsphereVirtualDiskVolumeSource() },
        new() { Name = "v16", Quobyte = new V1QuobyteVolumeSource() },
        new() { Name = "v17", AzureDisk = new V1AzureDiskVolumeSource() },
        new() { Name = "v18", PhotonPersistentDisk = new V1PhotonPersistentDiskVolumeSource() },
        new() { Name = "v19", PortworxVolume = new V1PortworxVolumeSource() },
        new() { Name = "v20", ScaleIO = new V1ScaleIOVolumeSource() },
        new() { Name = "v21", Storageos = new V1StorageOSVolumeSource() },
        new() { Name = "v22" },
    ];

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no volumes", "v1.0", Volumes()),
        CheckCase.Allowed("every allowed source", "v1.0", Volumes(
            new V1Volume { Name = "a", ConfigMap = new V1ConfigMapVolumeSource() },
            new V1Volume { Name = "b", Csi = new V1CSIVolumeSource() },
            new V1Volume { Name = "c", DownwardAPI = new V1DownwardAPIVolumeSource() },
            new V1Volume { Name = "d", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume { Name = "e", Ephemeral = new V1EphemeralVolumeSource() },
            new V1Volume { Name = "f", Image = new V1ImageVolumeSource() },
            new V1Volume { Name = "g", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource() },
            new V1Volume { Name = "h", Projected = new V1ProjectedVolumeSource() },
            new V1Volume { Name = "i", Secret = new V1SecretVolumeSource() })),
        CheckCase.Allowed("an allowed source wins over a forbidden one", "v1.0",
            Volumes(new V1Volume { Name = "a", HostPath = new V1HostPathVolumeSource(), EmptyDir = new V1EmptyDirVolumeSource() })),
        new("one hostPath volume", "v1.0", Volumes(new V1Volume { Name = "a", HostPath = new V1HostPathVolumeSource() }),
            Reason, "volume \"a\" uses restricted volume type \"hostPath\""),
        new("a volume without source is unknown (before API defaulting)", "v1.0", Volumes(new V1Volume { Name = "a" }),
            Reason, "volume \"a\" uses restricted volume type \"unknown\""),
        new("the first present forbidden source names the type", "v1.0",
            Volumes(new V1Volume { Name = "a", Nfs = new V1NFSVolumeSource(), HostPath = new V1HostPathVolumeSource() }, new V1Volume { Name = "b", Nfs = new V1NFSVolumeSource() }),
            Reason, "volumes \"a\", \"b\" use restricted volume types \"hostPath\", \"nfs\""),
        new("two volumes one type", "v1.0",
            Volumes(new V1Volume { Name = "b", Nfs = new V1NFSVolumeSource() }, new V1Volume { Name = "a", Nfs = new V1NFSVolumeSource() }),
            Reason, "volumes \"b\", \"a\" use restricted volume type \"nfs\""),
        new("every forbidden source plus unknown, types sorted", "v1.0", Volumes(EveryForbiddenSource()),
            Reason, "volumes " + string.Join(", ", Enumerable.Range(1, 22).Select(i => $"\"v{i:00}\"")) + " use restricted volume types "
                + "\"awsElasticBlockStore\", \"azureDisk\", \"azureFile\", \"cephfs\", \"cinder\", \"fc\", \"flexVolume\", \"flocker\", "
                + "\"gcePersistentDisk\", \"gitRepo\", \"glusterfs\", \"hostPath\", \"iscsi\", \"nfs\", \"photonPersistentDisk\", "
                + "\"portworxVolume\", \"quobyte\", \"rbd\", \"scaleIO\", \"storageos\", \"unknown\", \"vsphereVolume\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(RestrictedVolumes.Definition);
}
