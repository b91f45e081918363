using System.Text.Json.Nodes;

namespace Kubeguard.Fix.Editing;

/// <summary>What an edit does to the document.</summary>
internal enum EditKind
{
    /// <summary>Replace an existing scalar's value.</summary>
    Set,

    /// <summary>Add an absent field (creating absent parents).</summary>
    Insert,

    /// <summary>Add an item at the end of an existing sequence.</summary>
    Append,

    /// <summary>Delete a key or a sequence item.</summary>
    Remove,
}

/// <summary>One planned change to a document, expressed on its semantic tree.</summary>
internal sealed record EditOp(EditKind Kind, FieldPath Path, JsonNode? Value)
{
    public override string ToString() => $"{Kind} {Path} {Value?.ToJsonString()}";
}
