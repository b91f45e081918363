using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Only volume types that cannot reach the host or shared storage directly are allowed.</summary>
/// <remarks>
/// <para>Level: restricted, from v1.0; replaces <c>hostPathVolumes</c>. Allowed sources: configMap, csi,
/// downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret.</para>
/// <para>Fields: <c>spec.volumes[*]</c>.</para>
/// </remarks>
public static class RestrictedVolumes
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "restrictedVolumes";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "restricted volume types";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 0), V1_0) { Overrides = [HostPathVolumes.Id] },
    ])
    {
        Summary = "Volumes must be configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret.",
        Remediation = "Replace the volume with an allowed type, e.g. a persistentVolumeClaim instead of a direct network or host volume.",
        Fields = ["spec.volumes[*]"],
    };

    /// <summary>True when the volume has one of the allowed sources.</summary>
    public static bool IsAllowed(V1Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return volume.ConfigMap is not null || volume.Csi is not null || volume.DownwardAPI is not null
            || volume.EmptyDir is not null || volume.Ephemeral is not null || volume.Image is not null
            || volume.PersistentVolumeClaim is not null || volume.Projected is not null || volume.Secret is not null;
    }

    /// <summary>The reported type of a forbidden volume, in upstream's order; <c>unknown</c> when it has no source.</summary>
    public static string ForbiddenType(V1Volume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return volume switch
        {
            { HostPath: not null } => "hostPath",
            { GcePersistentDisk: not null } => "gcePersistentDisk",
            { AwsElasticBlockStore: not null } => "awsElasticBlockStore",
            { GitRepo: not null } => "gitRepo",
            { Nfs: not null } => "nfs",
            { Iscsi: not null } => "iscsi",
            { Glusterfs: not null } => "glusterfs",
            { Rbd: not null } => "rbd",
            { FlexVolume: not null } => "flexVolume",
            { Cinder: not null } => "cinder",
            { Cephfs: not null } => "cephfs",
            { Flocker: not null } => "flocker",
            { Fc: not null } => "fc",
            { AzureFile: not null } => "azureFile",
            { VsphereVolume: not null } => "vsphereVolume",
            { Quobyte: not null } => "quobyte",
            { AzureDisk: not null } => "azureDisk",
            { PhotonPersistentDisk: not null } => "photonPersistentDisk",
            { PortworxVolume: not null } => "portworxVolume",
            { ScaleIO: not null } => "scaleIO",
            { Storageos: not null } => "storageos",
            _ => "unknown",
        };
    }

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        if (spec.Volumes is null)
        {
            return CheckResult.Allow;
        }

        List<string>? bad = null;
        List<string>? types = null;
        foreach (var volume in spec.Volumes)
        {
            if (volume is null || IsAllowed(volume))
            {
                continue;
            }

            (bad ??= []).Add(volume.Name ?? string.Empty);
            (types ??= []).Add(ForbiddenType(volume));
        }

        if (bad is null)
        {
            return CheckResult.Allow;
        }

        Text.SortDistinct(types!);
        return CheckResult.Forbid(Reason,
                $"{Text.Plural("volume", "volumes", bad.Count)} {Text.Quoted(bad)} {Text.Plural("uses", "use", bad.Count)} {Text.Plural("restricted volume type", "restricted volume types", types!.Count)} {Text.Quoted(types!)}");
    }
}
