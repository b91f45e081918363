namespace Kubeguard.Cluster.Connection;

/// <summary>A failure to read from the cluster, as a value with a message meant for the user.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">One line saying what went wrong and, where possible, what to do.</param>
public sealed record ClusterFailure(FailureKind Kind, string Message)
{
    /// <summary>True when nothing more can be read: the server is unreachable or rejects the credentials.</summary>
    public bool IsFatal => Kind is FailureKind.Configuration or FailureKind.Unreachable or FailureKind.Unauthorized or FailureKind.Timeout;
}
