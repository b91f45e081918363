using Kubeguard.Reporting;

namespace Kubeguard.Scanning.Manifests;

/// <summary>Where a document starts.</summary>
/// <param name="File">The input as named by the user (paths under a folder keep the folder prefix); <c>&lt;stdin&gt;</c> for standard input.</param>
/// <param name="DocumentIndex">0-based index of the non-empty YAML document within the file.</param>
/// <param name="Line">1-based line of the document's first node (or of the error).</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, int DocumentIndex, int Line, int Column = 1)
{
    /// <summary>The name used for standard input.</summary>
    public const string StandardInput = "<stdin>";

    /// <summary>As a report location, optionally pointing at a field.</summary>
    public Location ToLocation(string? jsonPath = null, int? line = null, int? column = null) =>
        new(File, line ?? Line, column ?? Column, DocumentIndex, jsonPath);

    /// <summary><c>file:line</c>.</summary>
    public override string ToString() => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
