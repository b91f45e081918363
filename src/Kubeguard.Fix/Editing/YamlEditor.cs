using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Yaml;
using YamlDotNet.Core;

namespace Kubeguard.Fix.Editing;

/// <summary>Why a document cannot be edited safely, and where.</summary>
/// <param name="Reason">What blocks the edit.</param>
/// <param name="Line">1-based line of the blocking node.</param>
internal sealed record Refusal(string Reason, int Line);

/// <summary>
/// Turns planned <see cref="EditOp"/>s into text edits on the original text of one document:
/// scalars are replaced in place, new keys are inserted as block lines in the document's own
/// style, removals delete whole lines. Anything it cannot do exactly is refused.
/// </summary>
internal sealed class YamlEditor
{
    private readonly string _text;
    private readonly LineMap _lines;
    private readonly YamlDocument _document;
    private readonly DocumentStyle _style;

    public YamlEditor(string text, LineMap lines, YamlDocument document)
    {
        _text = text;
        _lines = lines;
        _document = document;
        _style = DocumentStyle.Infer(document.Root, lines);
    }

    public (IReadOnlyList<TextEdit> Edits, Refusal? Refusal) Render(IReadOnlyList<EditOp> ops)
    {
        if (ops.Count == 0)
        {
            return ([], null);
        }

        var template = _text.IndexOf("{{", _document.Start, _document.End - _document.Start, StringComparison.Ordinal);
        if (template >= 0)
        {
            return ([], new Refusal("the document holds template markers ({{); fix the template source instead", _lines.LineOf(template)));
        }

        if (_document.Root is null)
        {
            return ([], new Refusal("the document is empty", _document.Line));
        }

        var edits = new List<TextEdit>();
        var removals = new List<TextEdit>();
        var groups = new List<InsertGroup>();
        try
        {
            var outerOps = ops.Where(o => o.Kind != EditKind.Remove || !ops.Any(p => p != o && p.Kind == EditKind.Remove && o.Path.StartsWith(p.Path) && !o.Path.Equals(p.Path))).ToList();
            foreach (var op in outerOps)
            {
                switch (op.Kind)
                {
                    case EditKind.Set:
                        edits.Add(RenderSet(op));
                        break;
                    case EditKind.Append:
                        edits.Add(RenderAppend(op));
                        break;
                    case EditKind.Remove:
                        removals.Add(RenderRemove(op));
                        break;
                    case EditKind.Insert:
                        AddToGroup(groups, op);
                        break;
                    default:
                        throw new RefusedException($"unknown edit {op.Kind}", _document.Line);
                }
            }

            var outer = removals.Where(r => !removals.Any(o => o != r && o.Start <= r.Start && r.End <= o.End && (o.Start, o.End) != (r.Start, r.End))).DistinctBy(r => (r.Start, r.End)).ToList();
            edits.AddRange(outer);
            foreach (var group in groups)
            {
                edits.AddRange(RenderGroup(group));
            }

            foreach (var edit in edits)
            {
                foreach (var removal in outer)
                {
                    if (edit != removal && edit.Start < removal.End && edit.End > removal.Start
                        || (edit.Start == edit.End && edit.Start > removal.Start && edit.Start < removal.End))
                    {
                        throw new RefusedException("two planned edits overlap", _lines.LineOf(removal.Start));
                    }
                }
            }
        }
        catch (RefusedException refused)
        {
            return ([], new Refusal(refused.Message, refused.Line));
        }

        return (edits, null);
    }

    private sealed class InsertGroup(YamlNode target, YamlNode? key)
    {
        public YamlNode Target { get; } = target;

        public YamlNode? Key { get; } = key;

        public JsonObject Content { get; } = [];
    }

    private sealed class RefusedException(string message, int line) : Exception(message)
    {
        public int Line { get; } = line;
    }

    /// <summary>The nodes along <paramref name="path"/> (keys and values), checked against the guards.</summary>
    private (YamlNode Node, YamlNode? Key, YamlNode? Parent, int Depth) Walk(FieldPath path, Func<YamlNode, int, bool> flowAllowed)
    {
        var node = _document.Root!;
        YamlNode? key = null;
        YamlNode? parent = null;
        var depth = 0;
        Guard(node, path, flowAllowed(node, 0));
        for (; depth < path.Count; depth++)
        {
            var next = node.Child(path[depth], out var nextKey);
            if (next is null)
            {
                break;
            }

            parent = node;
            node = next;
            key = nextKey;
            Guard(node, path, flowAllowed(node, depth + 1));
        }

        return (node, key, parent, depth);
    }

    private void Guard(YamlNode node, FieldPath path, bool flowAllowed)
    {
        var line = _lines.LineOf(node.Start);
        if (node.Kind == YamlNodeKind.Alias)
        {
            throw new RefusedException($"an alias (*{node.Value}) is on the edited path {path}", line);
        }

        if (node.Anchor is not null)
        {
            throw new RefusedException($"an anchor (&{node.Anchor}) is on the edited path {path}", line);
        }

        if (node.Tag is not null)
        {
            throw new RefusedException($"an explicit tag ({node.Tag}) is on the edited path {path}", line);
        }

        if (node.IsFlow && !flowAllowed)
        {
            throw new RefusedException($"a flow-style collection is on the edited path {path}", line);
        }

        if (node.Kind == YamlNodeKind.Mapping && node.Pairs.Any(p => p.Key.Value == "<<"))
        {
            throw new RefusedException($"a merge key (<<) is on the edited path {path}", line);
        }

        if (node.Kind == YamlNodeKind.Mapping && node.HasDuplicateKeys())
        {
            throw new RefusedException($"a mapping with duplicate keys is on the edited path {path}", line);
        }

    }

    private TextEdit RenderSet(EditOp op)
    {
        var (node, _, _, depth) = Walk(op.Path, (_, _) => false);
        if (depth != op.Path.Count || node.Kind != YamlNodeKind.Scalar || node.IsEmptyScalar || node.ScalarStyle is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            throw new RefusedException($"{op.Path} is not a single-line value", _lines.LineOf(node.Start));
        }

        return new TextEdit(node.Start, node.End, ScalarText(op.Value, node.ScalarStyle));
    }

    private TextEdit RenderAppend(EditOp op)
    {
        var (node, _, _, depth) = Walk(op.Path, (n, d) => d == op.Path.Count && IsSimpleFlowSequence(n));
        if (depth != op.Path.Count || node.Kind != YamlNodeKind.Sequence || node.Items.Count == 0)
        {
            throw new RefusedException($"{op.Path} is not a block sequence", _lines.LineOf(node.Start));
        }

        if (node.IsFlow)
        {
            var last = node.Items[^1];
            return new TextEdit(last.End, last.End, ", " + ScalarText(op.Value, last.ScalarStyle));
        }

        CheckIndentation(node.Start);
        var dashColumn = _lines.ColumnOf(node.Start);
        var gap = _lines.LineOf(node.Items[0].Start) == _lines.LineOf(node.Start) ? _lines.ColumnOf(node.Items[0].Start) - dashColumn : _style.DashGap;
        var (offset, newline, atEnd) = InsertionPoint(node.Items[^1].End);
        var line = new string(' ', dashColumn) + "-" + new string(' ', Math.Max(1, gap - 1)) + ScalarText(op.Value, ScalarStyle.Plain);
        return new TextEdit(offset, offset, atEnd ? newline + line : line + newline, dashColumn);
    }

    private TextEdit RenderRemove(EditOp op)
    {
        var itemRemoval = op.Path.Count > 0 && op.Path[op.Path.Count - 1] is int;
        var (node, key, parent, depth) = Walk(op.Path, (n, d) => itemRemoval ? d == op.Path.Count - 1 && IsSimpleFlowSequence(n) : d == op.Path.Count);
        if (depth != op.Path.Count || parent is null)
        {
            throw new RefusedException($"{op.Path} was not found", _document.Line);
        }

        if (itemRemoval && parent.IsFlow)
        {
            var index = parent.Items.IndexOf(node);
            if (parent.Items.Count == 1)
            {
                throw new RefusedException($"{op.Path} is the only item of a flow sequence", _lines.LineOf(node.Start));
            }

            return index < parent.Items.Count - 1
                ? new TextEdit(node.Start, parent.Items[index + 1].Start, string.Empty)
                : new TextEdit(parent.Items[index - 1].End, node.End, string.Empty);
        }

        int start;
        if (key is not null)
        {
            start = key.Start;
        }
        else
        {
            start = node.Start - 1;
            while (start >= 0 && _text[start] == ' ')
            {
                start--;
            }

            if (start < 0 || _text[start] != '-')
            {
                throw new RefusedException($"{op.Path} is not a block sequence item", _lines.LineOf(node.Start));
            }
        }

        var lineStart = _lines.LineStart(start);
        if (!string.IsNullOrWhiteSpace(_text[lineStart..start]) && start != lineStart)
        {
            var pairIndex = key is null ? -1 : parent.Pairs.FindIndex(p => p.Key == key);
            var onlyDash = _text[lineStart..start].Trim() == "-";
            if (!onlyDash || pairIndex < 0 || pairIndex + 1 >= parent.Pairs.Count || parent.IsFlow
                || _lines.LineOf(parent.Pairs[pairIndex + 1].Key.Start) != _lines.LineOf(node.End) + 1
                || node.Kind != YamlNodeKind.Scalar || node.ScalarStyle is ScalarStyle.Literal or ScalarStyle.Folded)
            {
                throw new RefusedException($"{op.Path} does not start its own line (it is the first key of a list item)", _lines.LineOf(start));
            }

            // "- hostPort: 80\n  containerPort: 80" becomes "- containerPort: 80".
            return new TextEdit(start, parent.Pairs[pairIndex + 1].Key.Start, string.Empty);
        }

        CheckIndentation(start);
        var valueEnd = node.IsEmptyScalar && key is not null ? key.End : node.End;
        var end = node.ScalarStyle is ScalarStyle.Literal or ScalarStyle.Folded && _lines.ColumnOf(valueEnd) == 0 ? valueEnd : _lines.NextLineStart(valueEnd - 1);
        if (end == _text.Length && !EndsWithBreak(_text))
        {
            var previous = lineStart;
            if (previous > 0 && _text[previous - 1] == '\n')
            {
                previous--;
                if (previous > 0 && _text[previous - 1] == '\r')
                {
                    previous--;
                }
            }

            lineStart = previous;
        }

        return new TextEdit(lineStart, end, string.Empty);
    }

    private void AddToGroup(List<InsertGroup> groups, EditOp op)
    {
        var (node, key, parent, depth) = Walk(op.Path, (n, _) => n.Kind == YamlNodeKind.Mapping && n.Pairs.Count == 0);
        if (depth == op.Path.Count)
        {
            throw new RefusedException($"{op.Path} already exists", _lines.LineOf(node.Start));
        }

        var rest = op.Path.Segments.Skip(depth).ToList();
        if (rest.Any(s => s is not string))
        {
            throw new RefusedException($"cannot create list items at {op.Path}", _lines.LineOf(node.Start));
        }

        var fill = node.IsEmptyScalar || (node.IsFlow && node.Kind == YamlNodeKind.Mapping && node.Pairs.Count == 0);
        if (fill && (key is null || parent is null))
        {
            throw new RefusedException($"cannot insert at {op.Path}", _lines.LineOf(node.Start));
        }

        if (!fill && (node.Kind != YamlNodeKind.Mapping || node.Pairs.Count == 0))
        {
            throw new RefusedException($"cannot insert into the value at {op.Path}", _lines.LineOf(node.Start));
        }

        var group = groups.FirstOrDefault(g => g.Target == node);
        if (group is null)
        {
            group = new InsertGroup(node, fill ? key : null);
            groups.Add(group);
        }

        var target = group.Content;
        for (var i = 0; i < rest.Count - 1; i++)
        {
            var name = (string)rest[i];
            if (target[name] is not JsonObject child)
            {
                child = [];
                target[name] = child;
            }

            target = child;
        }

        target[(string)rest[^1]] = op.Value?.DeepClone();
    }

    private IEnumerable<TextEdit> RenderGroup(InsertGroup group)
    {
        var node = group.Target;
        if (group.Key is { } key)
        {
            CheckIndentation(key.Start);
            var indent = _lines.ColumnOf(key.Start) + _style.Step;
            int after;
            if (node.IsFlow)
            {
                var start = node.Start;
                var lineEnd = _lines.NextLineStart(node.End - 1);
                if (string.IsNullOrWhiteSpace(_text[node.End..lineEnd]))
                {
                    while (start > key.End && _text[start - 1] is ' ' or '\t')
                    {
                        start--;
                    }
                }

                yield return new TextEdit(start, node.End, string.Empty);
                after = node.End - 1;
            }
            else
            {
                after = key.End;
            }

            var (offset, newline, atEnd) = InsertionPoint(after + 1);
            yield return new TextEdit(offset, offset, Block(group.Content, indent, newline, atEnd), indent);
        }
        else
        {
            CheckIndentation(node.Pairs[0].Key.Start);
            var indent = _lines.ColumnOf(node.Pairs[0].Key.Start);
            var (offset, newline, atEnd) = InsertionPoint(node.End);
            yield return new TextEdit(offset, offset, Block(group.Content, indent, newline, atEnd), indent);
        }
    }

    /// <summary>Where to insert lines after a node ending at <paramref name="end"/>: the next line start.</summary>
    private (int Offset, string Newline, bool AtEnd) InsertionPoint(int end)
    {
        if (end > 0 && end <= _text.Length && _text[end - 1] == '\n')
        {
            return (end, NewlineBefore(end), false);
        }

        var offset = _lines.NextLineStart(end - 1);
        if (offset == _text.Length && !EndsWithBreak(_text))
        {
            return (offset, DefaultNewline(), true);
        }

        return (offset, NewlineBefore(offset), false);
    }

    private string NewlineBefore(int offset) =>
        offset >= 2 && _text[offset - 1] == '\n' && _text[offset - 2] == '\r' ? "\r\n" : offset >= 1 && _text[offset - 1] == '\n' ? "\n" : DefaultNewline();

    private string DefaultNewline()
    {
        var first = _text.IndexOf('\n', StringComparison.Ordinal);
        return first > 0 && _text[first - 1] == '\r' ? "\r\n" : "\n";
    }

    private static bool EndsWithBreak(string text) => text.Length > 0 && text[^1] == '\n';

    /// <summary>A flow sequence of plain or quoted scalars on one line: <c>[NET_RAW, "CHOWN"]</c>.</summary>
    private bool IsSimpleFlowSequence(YamlNode node) =>
        node is { Kind: YamlNodeKind.Sequence, IsFlow: true, Items.Count: > 0 } && _lines.LineOf(node.Start) == _lines.LineOf(node.End - 1)
        && node.Items.All(i => i.Kind == YamlNodeKind.Scalar && i.Anchor is null && i.Tag is null && i.ScalarStyle is ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted);

    private void CheckIndentation(int offset)
    {
        var lineStart = _lines.LineStart(offset);
        for (var i = lineStart; i < offset && _text[i] is ' ' or '\t' or '-'; i++)
        {
            if (_text[i] == '\t')
            {
                throw new RefusedException("tabs in the indentation of an edited line", _lines.LineOf(offset));
            }
        }
    }

    private string Block(JsonObject content, int indent, string newline, bool atEnd)
    {
        var sb = new StringBuilder();
        RenderPairs(content, indent, sb, newline);
        var text = sb.ToString();
        return atEnd ? newline + text[..^newline.Length] : text;
    }

    private void RenderPairs(JsonObject content, int indent, StringBuilder sb, string newline)
    {
        var ordered = content.Where(p => p.Value is not (JsonObject or JsonArray)).Concat(content.Where(p => p.Value is JsonObject or JsonArray));
        foreach (var (name, value) in ordered)
        {
            sb.Append(' ', indent).Append(KeyText(name)).Append(':');
            switch (value)
            {
                case JsonObject child:
                    sb.Append(newline);
                    RenderPairs(child, indent + _style.Step, sb, newline);
                    break;
                case JsonArray items:
                    sb.Append(newline);
                    foreach (var item in items)
                    {
                        if (item is JsonObject or JsonArray)
                        {
                            throw new RefusedException("nested list items are not inserted automatically", _document.Line);
                        }

                        sb.Append(' ', indent + _style.SequenceIndent).Append('-').Append(' ', Math.Max(1, _style.DashGap - 1))
                            .Append(ScalarText(item, ScalarStyle.Plain)).Append(newline);
                    }

                    break;
                default:
                    sb.Append(' ').Append(ScalarText(value, ScalarStyle.Plain)).Append(newline);
                    break;
            }
        }
    }

    private static string KeyText(string key) => IsSafePlain(key) ? key : Quoted(key);

    /// <summary>A double-quoted JSON string, which YAML reads as the same string.</summary>
    private static string Quoted(string text) => JsonValue.Create(text).ToJsonString();

    /// <summary>The text of a scalar: booleans and numbers plain; strings keep the replaced value's quotes.</summary>
    internal static string ScalarText(JsonNode? value, ScalarStyle style)
    {
        if (value is null)
        {
            return "null";
        }

        var element = value.GetValueKind();
        switch (element)
        {
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Number:
                return value.ToJsonString();
            case JsonValueKind.String:
            {
                var text = value.GetValue<string>();
                return style switch
                {
                    ScalarStyle.SingleQuoted => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
                    ScalarStyle.DoubleQuoted => Quoted(text),
                    _ => IsSafePlain(text) && JsonProjection.PlainValue(text)?.GetValueKind() == JsonValueKind.String ? text : Quoted(text),
                };
            }

            default:
                throw new RefusedException($"cannot write {value.ToJsonString()} as a scalar", 0);
        }
    }

    private static bool IsSafePlain(string text) =>
        text.Length > 0 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/');

    internal static string Describe(int value) => value.ToString(CultureInfo.InvariantCulture);
}
