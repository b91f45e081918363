using System.Collections.Immutable;

namespace Kubeguard.Reporting;

/// <summary>Metadata of a rule a report may cite (SARIF <c>reportingDescriptor</c>).</summary>
/// <param name="Id">Stable ID.</param>
/// <param name="Title">Short title.</param>
/// <param name="Description">What the rule checks and why, in a sentence or two.</param>
/// <param name="Help">How to comply.</param>
/// <param name="DefaultSeverity">The effective default severity (after configuration).</param>
public sealed record Rule(string Id, string Title, string Description, string Help, Severity DefaultSeverity)
{
    /// <summary>A page explaining the rule.</summary>
    public Uri? HelpUri { get; init; }

    /// <summary>Tags, e.g. <c>security</c>, <c>baseline</c>.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];
}
