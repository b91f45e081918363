namespace Kubeguard.Fix.Editing;

/// <summary>Replace <c>[Start, End)</c> of the original text with <see cref="Text"/> (an insert when empty).</summary>
/// <param name="Start">First replaced offset.</param>
/// <param name="End">Offset after the last replaced character.</param>
/// <param name="Text">Replacement.</param>
/// <param name="Depth">Indentation of inserted text: same-offset inserts put deeper text first.</param>
internal sealed record TextEdit(int Start, int End, string Text, int Depth = 0)
{
    /// <summary>Applies edits to <paramref name="original"/> from the back so offsets stay valid.</summary>
    public static string ApplyAll(string original, IEnumerable<TextEdit> edits)
    {
        var sb = new System.Text.StringBuilder(original);
        foreach (var edit in InApplicationOrder(edits))
        {
            sb.Remove(edit.Start, edit.End - edit.Start);
            sb.Insert(edit.Start, edit.Text);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The order edits are applied in: from the back; at one offset, replacements before inserts,
    /// and shallower inserts before deeper ones so the deeper text ends up first.
    /// </summary>
    public static IEnumerable<TextEdit> InApplicationOrder(IEnumerable<TextEdit> edits) =>
        edits.OrderByDescending(e => e.Start).ThenBy(e => e.End == e.Start ? 1 : 0).ThenBy(e => e.Depth);
}
