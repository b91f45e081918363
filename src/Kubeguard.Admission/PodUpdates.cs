using k8s.Models;

namespace Kubeguard.Admission;

/// <summary>Upstream's rule for which pod updates are evaluated at all.</summary>
internal static class PodUpdates
{
    /// <summary>
    /// True when the update changes what runs: the number of containers or init containers, an
    /// image of any of them (by index), or an added or re-imaged ephemeral container. Nothing else
    /// (labels, annotations, tolerations, …) is significant.
    /// </summary>
    public static bool IsSignificant(V1Pod pod, V1Pod oldPod)
    {
        var spec = pod.Spec ?? new V1PodSpec();
        var old = oldPod.Spec ?? new V1PodSpec();
        if (!SameImages(spec.Containers, old.Containers) || !SameImages(spec.InitContainers, old.InitContainers))
        {
            return true;
        }

        var oldEphemeral = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var container in old.EphemeralContainers ?? [])
        {
            oldEphemeral[container?.Name ?? string.Empty] = container?.Image;
        }

        foreach (var container in spec.EphemeralContainers ?? [])
        {
            if (!oldEphemeral.TryGetValue(container?.Name ?? string.Empty, out var image) || image != container?.Image)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameImages(IList<V1Container>? now, IList<V1Container>? before)
    {
        var a = now ?? [];
        var b = before ?? [];
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i]?.Image != b[i]?.Image)
            {
                return false;
            }
        }

        return true;
    }
}
