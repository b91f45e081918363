using k8s.Models;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>The level and version a generated case is built for.</summary>
public readonly record struct FixtureContext(Level Level, PolicyVersion Version);

/// <summary>
/// Pass and fail cases for one check from <see cref="MinimumVersion"/> on (until a newer
/// generator of the same check takes over), as changes to the minimal valid pod of the level
/// and version being generated.
/// </summary>
/// <param name="CheckId">The check the cases exercise.</param>
/// <param name="MinimumVersion">First version these cases apply to.</param>
/// <param name="Pass">Changes that keep the pod allowed at the context's level and version.</param>
/// <param name="Fail">Changes that make the check (or the restricted check replacing it) deny the pod.</param>
public sealed record FixtureGenerator(
    string CheckId,
    PolicyVersion MinimumVersion,
    Func<FixtureContext, IEnumerable<Action<V1Pod>>> Pass,
    Func<FixtureContext, IEnumerable<Action<V1Pod>>> Fail);

/// <summary>Small helpers the generators share.</summary>
internal static class Tweak
{
    public static PolicyVersion V(int minor) => PolicyVersion.Of(1, minor);

    public static IEnumerable<Action<V1Pod>> None(FixtureContext context) => [];

    public static IEnumerable<V1Container> Containers(V1Pod pod) => pod.Spec.InitContainers.Concat(pod.Spec.Containers);

    public static V1SecurityContext Context(V1Container container) => container.SecurityContext ??= new V1SecurityContext();

    public static V1PodSecurityContext Context(V1Pod pod) => pod.Spec.SecurityContext ??= new V1PodSecurityContext();

    public static V1Container Init(V1Pod pod) => pod.Spec.InitContainers[0];

    public static V1Container Regular(V1Pod pod) => pod.Spec.Containers[0];

    /// <summary>From v1.25 a Windows pod needs no privilege-escalation, capabilities or seccomp settings.</summary>
    public static void MakeWindows(V1Pod pod)
    {
        pod.Spec.Os = new V1PodOS { Name = "windows" };
        pod.Spec.SecurityContext.SeccompProfile = null;
        foreach (var container in Containers(pod))
        {
            container.SecurityContext = null;
        }
    }
}
