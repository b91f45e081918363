using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Testing;

/// <summary>
/// The smallest pod each level and version allows, built as upstream's fixtures build theirs;
/// every generated pass/fail case is this pod plus one change. Each call returns a new pod.
/// </summary>
public static class MinimalValidPods
{
    /// <summary>The versions at which the minimal pod of some level changes.</summary>
    public static IReadOnlyList<PolicyVersion> ChangeVersions { get; } =
        [PolicyVersion.Of(1, 0), PolicyVersion.Of(1, 8), PolicyVersion.Of(1, 19), PolicyVersion.Of(1, 22), PolicyVersion.Of(1, 25)];

    /// <summary>The minimal valid pod at <paramref name="level"/> and <paramref name="version"/>.</summary>
    public static V1Pod For(Level level, PolicyVersion version)
    {
        var pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "base" },
            Spec = new V1PodSpec
            {
                InitContainers = [new V1Container { Name = "initcontainer1", Image = "registry.k8s.io/pause" }],
                Containers = [new V1Container { Name = "container1", Image = "registry.k8s.io/pause" }],
            },
        };

        if (level != Level.Restricted)
        {
            return pod;
        }

        // restricted v1.0+: the pod runs as non-root.
        pod.Spec.SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true };

        // 1.8+: no privilege escalation in any container.
        if (version >= PolicyVersion.Of(1, 8))
        {
            ForEachContainer(pod, c => (c.SecurityContext ??= new V1SecurityContext()).AllowPrivilegeEscalation = false);
        }

        // 1.19+: a seccomp profile for the whole pod.
        if (version >= PolicyVersion.Of(1, 19))
        {
            pod.Spec.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" };
        }

        // 1.22+: every container drops all capabilities.
        if (version >= PolicyVersion.Of(1, 22))
        {
            ForEachContainer(pod, c => (c.SecurityContext ??= new V1SecurityContext()).Capabilities = new V1Capabilities { Drop = ["ALL"] });
        }

        return pod;
    }

    /// <summary>The restricted minimal pod with <c>spec.os.name: linux</c> (v1.25+ variant).</summary>
    public static V1Pod Linux(PolicyVersion version)
    {
        var pod = For(Level.Restricted, version);
        pod.Spec.Os = new V1PodOS { Name = "linux" };
        return pod;
    }

    /// <summary>
    /// The restricted minimal Windows pod: from v1.25 only <c>runAsNonRoot</c> is needed, because
    /// the privilege-escalation, capabilities and seccomp rules exempt Windows pods.
    /// </summary>
    public static V1Pod Windows(PolicyVersion version)
    {
        var pod = For(Level.Restricted, version < PolicyVersion.Of(1, 25) ? version : PolicyVersion.Of(1, 0));
        pod.Spec.Os = new V1PodOS { Name = "windows" };
        return pod;
    }

    private static void ForEachContainer(V1Pod pod, Action<V1Container> change)
    {
        foreach (var container in pod.Spec.InitContainers.Concat(pod.Spec.Containers))
        {
            change(container);
        }
    }
}
