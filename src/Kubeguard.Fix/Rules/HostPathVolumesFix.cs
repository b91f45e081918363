using System.Text.Json.Nodes;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>hostPath volumes: manual, with the replacement to consider and the mounts that use them.</summary>
internal static class HostPathVolumesFix
{
    public static FixRule Rule { get; } = new(HostPathVolumes.Id, Plan);

    private static void Plan(PlanContext c)
    {
        if (c.GetOriginal(c.Spec.Key("volumes")) is not JsonArray volumes)
        {
            return;
        }

        for (var i = 0; i < volumes.Count; i++)
        {
            if (volumes[i]?["hostPath"] is not null)
            {
                var name = PlanContext.Str(volumes[i]?["name"]) ?? string.Empty;
                c.Manual(HostPathVolumes.Id, c.Spec.Key("volumes").Item(i).Key("hostPath"),
                    $"replace hostPath volume \"{name}\"{Volumes.MountedBy(c, name)} with emptyDir (scratch space), configMap/secret/projected (configuration) or a PersistentVolumeClaim or CSI volume (data)");
            }
        }
    }
}
