namespace Kubeguard.Admission;

/// <summary>A namespace source could not answer (cluster unreachable, cache not synced, …).</summary>
public sealed class NamespaceSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NamespaceSourceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NamespaceSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NamespaceSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
