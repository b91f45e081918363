using Kubeguard.Reporting;

namespace Kubeguard.Scanning.Manifests;

/// <summary>Input that could not be read as a Kubernetes object; loading went on with the rest.</summary>
/// <param name="Location">File and line of the problem (the line of the offending node when known).</param>
/// <param name="Message">What is wrong, in one line (the parser's reason for syntax errors).</param>
public sealed record InvalidDocument(SourceLocation Location, string Message)
{
    /// <summary>As a report input error.</summary>
    public InputError ToInputError() => new(Location.ToLocation(), Message);

    /// <inheritdoc/>
    public override string ToString() => Location + ": " + Message;
}
