using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>HostPath volumes must be forbidden.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Replaced at restricted by <c>restrictedVolumes</c>.</para>
/// <para>Fields: <c>spec.volumes[*].hostPath</c>.</para>
/// </remarks>
public static class HostPathVolumes
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "hostPathVolumes";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "hostPath volumes";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Pods may not mount hostPath volumes.",
        Remediation = "Replace hostPath volumes with emptyDir, configMap, secret, projected or a persistentVolumeClaim.",
        Fields = ["spec.volumes[*].hostPath"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        if (spec.Volumes is null)
        {
            return CheckResult.Allow;
        }

        List<string>? bad = null;
        foreach (var volume in spec.Volumes)
        {
            if (volume?.HostPath is not null)
            {
                (bad ??= []).Add(volume.Name ?? string.Empty);
            }
        }

        return bad is null
            ? CheckResult.Allow
            : CheckResult.Forbid(Reason, $"{Text.Plural("volume", "volumes", bad.Count)} {Text.Quoted(bad)}");
    }
}
