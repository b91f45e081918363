using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Debug;

/// <summary>The debug container chosen for a pod, and the engine's verdict on the pod with it added.</summary>
/// <param name="Profile">The concrete profile chosen.</param>
/// <param name="Container">The ephemeral container to add.</param>
/// <param name="Policy">The namespace's enforce level and version.</param>
/// <param name="Verdict">The engine's verdict on the pod with the container added, at <paramref name="Policy"/>.</param>
/// <param name="User">The user a restricted container runs as.</param>
public sealed record DebugPlan(DebugProfile Profile, V1EphemeralContainer Container, LevelVersion Policy, PodSecurityResult Verdict, long User)
{
    /// <summary>True when the namespace admits the pod with the container added.</summary>
    public bool Admitted => Verdict.Allowed;

    /// <summary>Label problems met while reading the namespace (a bad enforce level fails closed to restricted).</summary>
    public IReadOnlyList<string> LabelErrors { get; init; } = [];
}
