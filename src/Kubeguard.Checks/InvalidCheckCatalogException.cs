namespace Kubeguard.Checks;

/// <summary>The check catalog is inconsistent: a programming error, listing every problem.</summary>
public sealed class InvalidCheckCatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidCheckCatalogException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidCheckCatalogException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public InvalidCheckCatalogException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from a list of problems.</summary>
    public InvalidCheckCatalogException(IReadOnlyList<string> problems)
        : base("invalid check catalog: " + string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; }
}
