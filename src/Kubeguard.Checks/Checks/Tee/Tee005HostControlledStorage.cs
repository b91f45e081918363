using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-005: storage the host controls or can read, in a confidential pod.</summary>
internal static class Tee005HostControlledStorage
{
    public const string Id = "tee-005";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Host-controlled storage in a TEE pod",
        "A hostPath is host-controlled content copied into the guest, and a writable or block-device hostPath hands the host a channel into the TEE. File-system persistent volumes and network file systems keep data at rest where the host reads it unless the guest encrypts it.",
        "Use emptyDir (block-encrypted in Confidential Containers configurations) for scratch, raw block PVCs with authenticated encryption in the guest for persistence, and remove hostPath.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "PersistentVolumeClaim"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var spec = pod.Workload.Spec;
            for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
            {
                if (spec.Volumes![i] is not { } volume)
                {
                    continue;
                }

                var path = $"{TeeHits.Spec(pod)}.volumes[{i}]";
                var writable = IsMountedWritable(spec, volume.Name);
                if (volume.HostPath is { } hostPath)
                {
                    if (hostPath.Type == "BlockDevice" || writable)
                    {
                        yield return TeeHits.On(pod, path + ".hostPath", "tee-005/host-path-writable", $"volume \"{volume.Name}\" is a {(hostPath.Type == "BlockDevice" ? "block-device" : "writable")} hostPath \"{hostPath.Path}\": the host controls it (Pod Security check hostPathVolumes)", "pod spec");
                    }
                    else
                    {
                        yield return TeeHits.On(pod, path + ".hostPath", "tee-005/host-path-read-only", $"volume \"{volume.Name}\" is a read-only hostPath \"{hostPath.Path}\": host-controlled content copied into the guest (Pod Security check hostPathVolumes)", "pod spec");
                    }

                    continue;
                }

                var network = volume.Nfs is not null ? "nfs" : volume.Iscsi is not null ? "iscsi" : volume.Cephfs is not null ? "cephfs" : volume.Glusterfs is not null ? "glusterfs" : volume.Csi is not null ? "CSI inline" : null;
                if (network is not null && writable)
                {
                    yield return TeeHits.On(pod, path, "tee-005/host-readable-storage", $"volume \"{volume.Name}\" is a writable {network} volume: data at rest is readable by the host unless encrypted in the guest", "pod spec");
                    continue;
                }

                if (volume.PersistentVolumeClaim?.ClaimName is { Length: > 0 } claim)
                {
                    var pvc = context.Inventory.Find("PersistentVolumeClaim", pod.Workload.Namespace, claim)?.Resource as V1PersistentVolumeClaim;
                    var mode = pvc?.Spec?.VolumeMode;
                    if (mode == "Block")
                    {
                        yield return TeeHits.On(pod, path + ".persistentVolumeClaim", "tee-005/block", $"volume \"{volume.Name}\" is the raw block claim \"{claim}\": encrypt it in the guest", "PersistentVolumeClaim object read");
                    }
                    else
                    {
                        yield return TeeHits.On(pod, path + ".persistentVolumeClaim", "tee-005/host-readable-storage", pvc is null
                            ? $"volume \"{volume.Name}\" uses claim \"{claim}\", not in the input: a Filesystem claim (the default) keeps data at rest readable by the host"
                            : $"volume \"{volume.Name}\" uses the Filesystem claim \"{claim}\": data at rest is readable by the host unless encrypted in the guest", pvc is null ? "PersistentVolumeClaim not read" : "PersistentVolumeClaim object read");
                    }
                }
            }
        }
    }

    private static bool IsMountedWritable(V1PodSpec spec, string name) =>
        Values.Each(spec.Containers).Concat(Values.Each(spec.InitContainers))
            .SelectMany(c => Values.Each(c.VolumeMounts))
            .Any(m => m.Name == name && m.ReadOnlyProperty != true);
}
