namespace Kubeguard.Cluster.Results;

/// <summary>The workload a finding belongs to: the top controller of a pod (a Deployment rather than its ReplicaSet), or the object itself.</summary>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>; <c>Pod</c> for a pod without a controller.</param>
/// <param name="Name">The object name.</param>
public readonly record struct WorkloadRef(string Kind, string Name)
{
    /// <summary><c>Kind/name</c>, as kubectl prints it.</summary>
    public override string ToString() => Kind + "/" + Name;
}
