using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Volumes of a type restricted pods may not use: manual, with a replacement to consider.</summary>
internal static class RestrictedVolumesFix
{
    public static FixRule Rule { get; } = new(RestrictedVolumes.Id, Plan);

    private static void Plan(PlanContext c)
    {
        var volumes = c.Template.Spec.Volumes;
        if (volumes is null)
        {
            return;
        }

        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            if (volume is null || RestrictedVolumes.IsAllowed(volume))
            {
                continue;
            }

            var type = RestrictedVolumes.ForbiddenType(volume);
            var replacement = type switch
            {
                "gitRepo" => "an emptyDir plus an init container that clones the repository",
                "hostPath" => "emptyDir (scratch space), configMap/secret/projected (configuration) or a PersistentVolumeClaim (data)",
                _ => "a PersistentVolumeClaim or a CSI volume backed by the same storage",
            };
            c.Manual(RestrictedVolumes.Id, c.Spec.Key("volumes").Item(i).Key(type),
                $"replace {type} volume \"{volume.Name}\"{Volumes.MountedBy(c, volume.Name)} with {replacement}");
        }
    }
}
