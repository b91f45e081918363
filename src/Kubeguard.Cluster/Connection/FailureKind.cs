namespace Kubeguard.Cluster.Connection;

/// <summary>Why talking to the cluster failed.</summary>
public enum FailureKind
{
    /// <summary>The kubeconfig could not be loaded or has no usable context.</summary>
    Configuration,

    /// <summary>The API server could not be reached (DNS, connection refused, TLS).</summary>
    Unreachable,

    /// <summary>The API server did not answer in time.</summary>
    Timeout,

    /// <summary>401: the credentials were rejected (often expired).</summary>
    Unauthorized,

    /// <summary>403: RBAC forbids the request.</summary>
    Forbidden,

    /// <summary>410: a continue token expired.</summary>
    Expired,

    /// <summary>404: the object or resource does not exist.</summary>
    NotFound,

    /// <summary>Any other answer the reader cannot use.</summary>
    ServerError,
}
