using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix;

/// <summary>The fix outcome for one workload.</summary>
internal sealed record WorkloadFix
{
    public required string File { get; init; }

    public required int Document { get; init; }

    public required int Line { get; init; }

    public required string Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public required PodSecurityResult Before { get; init; }

    /// <summary>The verdict after the applied actions (equal to <see cref="Before"/> when nothing was applied).</summary>
    public required PodSecurityResult After { get; init; }

    public required IReadOnlyList<FixAction> Actions { get; init; }

    /// <summary>Why the document was left untouched (refusal or failed verification), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Lines added, changed or removed for this workload.</summary>
    public int LinesChanged { get; init; }

    public bool Changed => LinesChanged > 0;

    /// <summary>The text edits made for this workload (offsets in the file text without BOM).</summary>
    public IReadOnlyList<Editing.TextEdit> Edits { get; init; } = [];
}

/// <summary>A problem with one document that is not about a workload (a parse error, an unreadable object).</summary>
/// <param name="File">File name as given.</param>
/// <param name="Document">1-based document index.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record DocumentIssue(string File, int Document, int Line, string Message);

/// <summary>The fix outcome for one file: the new bytes (the old ones when nothing changed).</summary>
internal sealed record FileFix
{
    public required string File { get; init; }

    public required byte[] Original { get; init; }

    public required byte[] Output { get; init; }

    public required string OriginalText { get; init; }

    public required string OutputText { get; init; }

    public required IReadOnlyList<WorkloadFix> Workloads { get; init; }

    public required IReadOnlyList<DocumentIssue> Issues { get; init; }

    /// <summary>The text edits that turn <see cref="OriginalText"/> into <see cref="OutputText"/> (offsets in UTF-16 units).</summary>
    public required IReadOnlyList<Editing.TextEdit> Edits { get; init; }

    /// <summary>The reason every edit of this file was withheld, or null.</summary>
    public string? VerificationFailure { get; init; }

    public bool Changed => !Original.AsSpan().SequenceEqual(Output);
}
