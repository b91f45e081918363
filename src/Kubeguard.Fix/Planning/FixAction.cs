using Kubeguard.Fix.Editing;

namespace Kubeguard.Fix.Planning;

/// <summary>One planned change for one check, with its safety class and outcome.</summary>
/// <param name="CheckId">The Pod Security check it fixes, e.g. <c>allowPrivilegeEscalation</c>.</param>
/// <param name="Class">Safety class.</param>
/// <param name="Status">Outcome.</param>
/// <param name="Operation"><c>set</c>, <c>insert</c>, <c>append</c>, <c>remove</c>, or <c>none</c> for manual actions.</param>
/// <param name="Path">Field path in the object.</param>
/// <param name="Before">Value before (JSON text), or null when absent.</param>
/// <param name="After">Value after (JSON text), or null when removed or unchanged.</param>
/// <param name="Note">Suggestion for manual actions, reason for skipped or refused ones, caveat otherwise.</param>
/// <param name="Edit">The edit this action makes; null for manual actions.</param>
internal sealed record FixAction(
    string CheckId,
    SafetyClass Class,
    ActionStatus Status,
    string Operation,
    FieldPath Path,
    string? Before,
    string? After,
    string? Note,
    EditOp? Edit)
{
    /// <summary>1-based line in the file of the field (or of its nearest existing parent).</summary>
    public int Line { get; init; }
}
