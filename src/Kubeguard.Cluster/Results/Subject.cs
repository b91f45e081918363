namespace Kubeguard.Cluster.Results;

/// <summary>What was evaluated for a finding.</summary>
public enum Subject
{
    /// <summary>Running pods.</summary>
    Pods,

    /// <summary>The workload's pod template (the pods it will create).</summary>
    Template,
}
