namespace Kubeguard.Policy;

/// <summary>A check catalog broke the registry rules; a programming error, never caused by a pod.</summary>
public sealed class InvalidCheckCatalogException : Exception
{
    /// <summary>Creates the exception with every problem found.</summary>
    public InvalidCheckCatalogException(IReadOnlyList<string> problems)
        : base("invalid check catalog: " + string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception with one message.</summary>
    public InvalidCheckCatalogException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public InvalidCheckCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates an exception with no detail.</summary>
    public InvalidCheckCatalogException()
        : this("invalid check catalog")
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
