using Kubeguard.Fix.Yaml;

namespace Kubeguard.Fix.Editing;

/// <summary>
/// The layout habits of a document, inferred by majority from its own block collections: the
/// indentation step, where a sequence's dash sits under its key, and the gap after the dash.
/// </summary>
/// <param name="Step">Spaces per nesting level.</param>
/// <param name="SequenceIndent">Dash column minus key column: 0 for compact lists.</param>
/// <param name="DashGap">Content column minus dash column (2 for <c>- x</c>).</param>
internal sealed record DocumentStyle(int Step, int SequenceIndent, int DashGap)
{
    public static DocumentStyle Infer(YamlNode? root, LineMap lines)
    {
        var steps = new Dictionary<int, int>();
        var sequenceIndents = new Dictionary<int, int>();
        var gaps = new Dictionary<int, int>();
        Visit(root, lines, steps, sequenceIndents, gaps);
        return new DocumentStyle(Vote(steps, 2), Vote(sequenceIndents, 0), Vote(gaps, 2));
    }

    private static int Vote(Dictionary<int, int> votes, int fallback) =>
        votes.Count == 0 ? fallback : votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key;

    private static void Visit(YamlNode? node, LineMap lines, Dictionary<int, int> steps, Dictionary<int, int> sequenceIndents, Dictionary<int, int> gaps)
    {
        if (node is null || node.IsFlow)
        {
            return;
        }

        if (node.Kind == YamlNodeKind.Mapping)
        {
            foreach (var (key, value) in node.Pairs)
            {
                var keyColumn = lines.ColumnOf(key.Start);
                if (value is { Kind: YamlNodeKind.Mapping, IsFlow: false, Pairs.Count: > 0 } && lines.LineOf(value.Start) != lines.LineOf(key.Start))
                {
                    var step = lines.ColumnOf(value.Pairs[0].Key.Start) - keyColumn;
                    if (step > 0)
                    {
                        steps[step] = steps.GetValueOrDefault(step) + 1;
                    }
                }
                else if (value is { Kind: YamlNodeKind.Sequence, IsFlow: false, Items.Count: > 0 })
                {
                    var indent = lines.ColumnOf(value.Start) - keyColumn;
                    if (indent >= 0)
                    {
                        sequenceIndents[indent] = sequenceIndents.GetValueOrDefault(indent) + 1;
                    }
                }

                Visit(value, lines, steps, sequenceIndents, gaps);
            }
        }
        else if (node.Kind == YamlNodeKind.Sequence)
        {
            var dash = lines.ColumnOf(node.Start);
            foreach (var item in node.Items)
            {
                if (lines.LineOf(item.Start) == lines.LineOf(node.Start) || item == node.Items[0])
                {
                    var gap = lines.ColumnOf(item.Start) - dash;
                    if (gap > 0 && lines.LineOf(item.Start) == lines.LineOf(node.Start))
                    {
                        gaps[gap] = gaps.GetValueOrDefault(gap) + 1;
                    }
                }

                Visit(item, lines, steps, sequenceIndents, gaps);
            }
        }
    }
}
