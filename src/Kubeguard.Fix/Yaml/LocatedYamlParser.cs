using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubeguard.Fix.Yaml;

/// <summary>
/// Splits a YAML file into documents at <c>---</c> lines and parses each one on its own, so a
/// broken document does not stop the others; every node keeps its exact offsets in the file.
/// </summary>
internal static class LocatedYamlParser
{
    public static IReadOnlyList<YamlDocument> Parse(string text, LineMap lines)
    {
        var documents = new List<YamlDocument>();
        var bounds = Split(text);
        foreach (var (start, end) in bounds)
        {
            var chunk = text[start..end];
            if (!HasContent(chunk))
            {
                continue;
            }

            var index = documents.Count + 1;
            try
            {
                var root = ParseChunk(chunk, start);
                var line = lines.LineOf(root?.Start ?? start + FirstContent(chunk));
                documents.Add(new YamlDocument(index, start, end, line, root, null));
            }
            catch (YamlException ex)
            {
                var line = lines.LineOf(start + (int)Math.Min(ex.Start.Index, chunk.Length));
                documents.Add(new YamlDocument(index, start, end, lines.LineOf(start + FirstContent(chunk)), null, $"line {line}: {FirstLine(ex.Message)}"));
            }
            catch (InvalidOperationException)
            {
                // The scanner gives up on some unterminated flow collections without a position.
                var line = lines.LineOf(start + FirstContent(chunk));
                documents.Add(new YamlDocument(index, start, end, line, null, $"from line {line}: the document ends inside an unterminated flow collection or quoted scalar"));
            }
        }

        return documents;
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        var first = cut < 0 ? message : message[..cut];
        var paren = first.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 && first.StartsWith('(') ? first[(paren + 3)..] : first;
    }

    /// <summary>Document spans: each starts at a <c>---</c> line (or the file start).</summary>
    internal static List<(int Start, int End)> Split(string text)
    {
        var starts = new List<int> { 0 };
        var position = 0;
        while (position < text.Length)
        {
            if (IsSeparator(text, position) && position != 0)
            {
                starts.Add(position);
            }

            var next = text.IndexOf('\n', position);
            if (next < 0)
            {
                break;
            }

            position = next + 1;
        }

        var spans = new List<(int, int)>();
        for (var i = 0; i < starts.Count; i++)
        {
            spans.Add((starts[i], i + 1 < starts.Count ? starts[i + 1] : text.Length));
        }

        return spans;
    }

    private static bool IsSeparator(string text, int at) =>
        string.CompareOrdinal(text, at, "---", 0, 3) == 0
        && (at + 3 == text.Length || text[at + 3] is ' ' or '\t' or '\r' or '\n');

    private static bool HasContent(string chunk) => FirstContent(chunk) < chunk.Length;

    /// <summary>Offset of the first character that is not blank, a comment or a separator line.</summary>
    private static int FirstContent(string chunk)
    {
        var position = 0;
        while (position < chunk.Length)
        {
            var lineEnd = chunk.IndexOf('\n', position);
            if (lineEnd < 0)
            {
                lineEnd = chunk.Length;
            }

            var line = chunk.AsSpan(position, lineEnd - position).Trim();
            var meaningful = !(line.IsEmpty || line[0] == '#' || line.SequenceEqual("---") || line.StartsWith("--- #") || line.SequenceEqual("...") || line[0] == '%');
            if (line.StartsWith("--- ") && !line.StartsWith("--- #"))
            {
                meaningful = true;
            }

            if (meaningful)
            {
                return position;
            }

            position = lineEnd + 1;
        }

        return chunk.Length;
    }

    private static YamlNode? ParseChunk(string chunk, int offset)
    {
        using var reader = new StringReader(chunk);
        var parser = new Parser(new Scanner(reader, skipComments: true));
        parser.Consume<StreamStart>();
        YamlNode? root = null;
        var documents = 0;
        while (parser.TryConsume<DocumentStart>(out _))
        {
            documents++;
            var node = ParseNode(parser, offset);
            parser.Consume<DocumentEnd>();
            if (documents == 1)
            {
                root = node;
            }
            else if (!(node.IsEmptyScalar))
            {
                throw new SemanticErrorException(new Mark(), new Mark(), "a document separator must start its own line");
            }
        }

        parser.Consume<StreamEnd>();
        return root is { IsEmptyScalar: true } ? null : root;
    }

    private static YamlNode ParseNode(IParser parser, int offset)
    {
        var current = parser.Current ?? throw new SemanticErrorException("unexpected end of input");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlNode
                {
                    Kind = YamlNodeKind.Scalar,
                    Start = offset + (int)scalar.Start.Index,
                    End = offset + (int)scalar.End.Index,
                    ScalarStyle = scalar.Style,
                    Value = scalar.Value,
                    Anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value,
                    Tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value,
                };
            case AnchorAlias alias:
                parser.MoveNext();
                return new YamlNode
                {
                    Kind = YamlNodeKind.Alias,
                    Start = offset + (int)alias.Start.Index,
                    End = offset + (int)alias.End.Index,
                    Value = alias.Value.Value,
                };
            case MappingStart mapping:
            {
                parser.MoveNext();
                var node = new YamlNode
                {
                    Kind = YamlNodeKind.Mapping,
                    Start = offset + (int)mapping.Start.Index,
                    IsFlow = mapping.Style == MappingStyle.Flow,
                    Anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value,
                    Tag = mapping.Tag.IsEmpty || mapping.Tag.IsNonSpecific ? null : mapping.Tag.Value,
                };
                while (parser.Current is not MappingEnd)
                {
                    var key = ParseNode(parser, offset);
                    var value = ParseNode(parser, offset);
                    node.Pairs.Add(new(key, value));
                }

                var end = parser.Current!;
                parser.MoveNext();
                node.End = node.IsFlow ? FlowEnd(offset, end) : (node.Pairs.Count > 0 ? LastEnd(node.Pairs[^1]) : node.Start);
                return node;
            }

            case SequenceStart sequence:
            {
                parser.MoveNext();
                var node = new YamlNode
                {
                    Kind = YamlNodeKind.Sequence,
                    Start = offset + (int)sequence.Start.Index,
                    IsFlow = sequence.Style == SequenceStyle.Flow,
                    Anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value,
                    Tag = sequence.Tag.IsEmpty || sequence.Tag.IsNonSpecific ? null : sequence.Tag.Value,
                };
                while (parser.Current is not SequenceEnd)
                {
                    node.Items.Add(ParseNode(parser, offset));
                }

                var end = parser.Current!;
                parser.MoveNext();
                node.End = node.IsFlow ? FlowEnd(offset, end) : (node.Items.Count > 0 ? node.Items[^1].End : node.Start);
                return node;
            }

            default:
                throw new SemanticErrorException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static int LastEnd(KeyValuePair<YamlNode, YamlNode> pair) =>
        pair.Value.IsEmptyScalar ? pair.Key.End : pair.Value.End;

    private static int FlowEnd(int offset, ParsingEvent end) =>
        offset + (int)Math.Max(end.End.Index, end.Start.Index + 1);
}
