namespace Kubeguard.Scanning.Manifests;

/// <summary>A document that cannot be read: syntax, duplicate keys, limits. Caught inside the loader only.</summary>
internal sealed class ManifestFormatException : Exception
{
    public ManifestFormatException()
    {
    }

    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManifestFormatException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
