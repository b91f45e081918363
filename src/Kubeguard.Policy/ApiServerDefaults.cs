using k8s.Models;

namespace Kubeguard.Policy;

/// <summary>
/// The API server defaulting that runs before admission and changes Pod Security verdicts. Apply
/// it to objects read from manifests so they are judged as the API server would judge them.
/// </summary>
public static class ApiServerDefaults
{
    /// <summary>
    /// Mutates <paramref name="spec"/> in place: a volume with no source becomes <c>emptyDir: {}</c>;
    /// for Pods only (not templates, since Kubernetes 1.28), <c>hostNetwork: true</c> copies each
    /// container port's <c>containerPort</c> into an unset <c>hostPort</c>.
    /// </summary>
    /// <param name="spec">The pod spec to default.</param>
    /// <param name="isPod">True for a Pod object, false for a workload's pod template.</param>
    /// <returns>True when anything changed.</returns>
    public static bool Apply(V1PodSpec? spec, bool isPod)
    {
        if (spec is null)
        {
            return false;
        }

        var changed = false;
        if (spec.Volumes is not null)
        {
            foreach (var volume in spec.Volumes)
            {
                if (volume is not null && !Checks.RestrictedVolumes.IsAllowed(volume) && Checks.RestrictedVolumes.ForbiddenType(volume) == "unknown")
                {
                    volume.EmptyDir = new V1EmptyDirVolumeSource();
                    changed = true;
                }
            }
        }

        if (isPod && spec.HostNetwork == true)
        {
            changed |= DefaultHostPorts(spec.InitContainers) | DefaultHostPorts(spec.Containers);
        }

        return changed;
    }

    private static bool DefaultHostPorts(IList<V1Container>? containers)
    {
        var changed = false;
        foreach (var port in containers?.SelectMany(c => c?.Ports ?? []) ?? [])
        {
            if (port is not null && (port.HostPort ?? 0) == 0)
            {
                port.HostPort = port.ContainerPort;
                changed = true;
            }
        }

        return changed;
    }
}
