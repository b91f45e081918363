namespace Kubeguard.SupplyChain.Oci;

/// <summary>What went wrong talking to a registry.</summary>
public enum RegistryErrorKind
{
    /// <summary>The repository, tag or manifest does not exist.</summary>
    NotFound,

    /// <summary>The registry refused the credentials (or none were available).</summary>
    Unauthorized,

    /// <summary>No answer within the timeout.</summary>
    Timeout,

    /// <summary>Any other failure: connection refused, 5xx, malformed or oversized content, digest mismatch.</summary>
    Failed,
}

/// <summary>A registry call failed; <see cref="Kind"/> says how, the message says where.</summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException(RegistryErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates a <see cref="RegistryErrorKind.Failed"/> exception.</summary>
    public RegistryException()
        : this(RegistryErrorKind.Failed, "registry error")
    {
    }

    /// <summary>Creates a <see cref="RegistryErrorKind.Failed"/> exception.</summary>
    public RegistryException(string message)
        : this(RegistryErrorKind.Failed, message)
    {
    }

    /// <summary>Creates a <see cref="RegistryErrorKind.Failed"/> exception.</summary>
    public RegistryException(string message, Exception innerException)
        : this(RegistryErrorKind.Failed, message, innerException)
    {
    }

    /// <summary>How the call failed.</summary>
    public RegistryErrorKind Kind { get; }
}
