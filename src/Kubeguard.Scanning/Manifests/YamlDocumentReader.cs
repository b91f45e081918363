using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Turns the text of one YAML document into a <see cref="JsonNode"/> tree plus a
/// <see cref="PositionIndex"/>, straight from parser events: duplicate keys are errors, merge keys
/// (<c>&lt;&lt;</c>) are applied, aliases are expanded within a node budget (so alias bombs are
/// refused before they cost memory), and nesting depth is bounded.
/// </summary>
internal sealed partial class YamlDocumentReader
{
    private readonly int _lineOffset;
    private readonly ManifestLoaderOptions _options;
    private readonly Dictionary<string, (JsonNode? Node, long Count)> _anchors = new(StringComparer.Ordinal);
    private long _nodes;

    private YamlDocumentReader(int lineOffset, ManifestLoaderOptions options)
    {
        _lineOffset = lineOffset;
        _options = options;
    }

    public PositionIndex Index { get; } = new();

    /// <summary>
    /// Reads every document in <paramref name="text"/> (normally one), whose first line is line
    /// <paramref name="lineOffset"/> + 1 of the file. Empty documents yield nothing.
    /// </summary>
    /// <exception cref="ManifestFormatException">The text is not valid YAML or breaks a limit.</exception>
    public static List<(JsonNode? Root, SourceMark Mark, PositionIndex Index)> Read(string text, int lineOffset, ManifestLoaderOptions options)
    {
        var documents = new List<(JsonNode?, SourceMark, PositionIndex)>();
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                var reader = new YamlDocumentReader(lineOffset, options);
                var start = reader.MarkOf(parser.Current!.Start);
                var empty = parser.Current is Scalar { Value: "", Style: ScalarStyle.Plain, Tag.IsEmpty: true };
                var root = reader.ReadNode(parser, 0);
                parser.Consume<DocumentEnd>();
                if (!empty)
                {
                    documents.Add((root, start, reader.Index));
                }
            }
        }
        catch (YamlException ex)
        {
            var (message, line, column) = Describe(ex, text);
            throw new ManifestFormatException(message, line + lineOffset, column);
        }

        return documents;
    }

    private SourceMark MarkOf(Mark mark) => new((int)mark.Line + _lineOffset, (int)mark.Column);

    private JsonNode? ReadNode(IParser parser, int depth)
    {
        if (depth > _options.MaxDepth)
        {
            var at = MarkOf(parser.Current!.Start);
            throw new ManifestFormatException($"nesting deeper than {_options.MaxDepth} levels", at.Line, at.Column);
        }

        var ev = parser.Current!;
        parser.MoveNext();
        var before = _nodes;
        Count(ev.Start, 1);
        JsonNode? node;
        string? anchor;
        switch (ev)
        {
            case Scalar scalar:
                node = ScalarResolver.Resolve(scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                break;
            case AnchorAlias alias:
                return Expand(alias);
            case SequenceStart sequence:
                node = ReadSequence(parser, depth);
                anchor = sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value;
                break;
            case MappingStart mapping:
                node = ReadMapping(parser, depth);
                anchor = mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value;
                break;
            default:
                var at = MarkOf(ev.Start);
                throw new ManifestFormatException("unexpected YAML event " + ev.GetType().Name, at.Line, at.Column);
        }

        if (anchor is not null)
        {
            _anchors[anchor] = (node, _nodes - before);
        }

        return node;
    }

    private JsonArray ReadSequence(IParser parser, int depth)
    {
        var array = new JsonArray();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var mark = MarkOf(parser.Current!.Start);
            array.Add(ReadNode(parser, depth + 1));
            Index.AddItem(array, mark);
        }

        return array;
    }

    private JsonObject ReadMapping(IParser parser, int depth)
    {
        var obj = new JsonObject();
        HashSet<string>? merged = null;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            var mark = MarkOf(keyEvent.Start);
            var keyNode = ReadNode(parser, depth + 1);
            if (keyNode is JsonObject or JsonArray)
            {
                throw new ManifestFormatException("a mapping or sequence used as a key is not supported", mark.Line, mark.Column);
            }

            var key = keyEvent is Scalar scalarKey ? scalarKey.Value
                : keyNode is null ? string.Empty
                : keyNode.GetValueKind() == System.Text.Json.JsonValueKind.String ? keyNode.GetValue<string>() : keyNode.ToJsonString();
            var value = ReadNode(parser, depth + 1);
            if (key == "<<" && keyEvent is Scalar { Style: ScalarStyle.Plain } && value is JsonObject or JsonArray)
            {
                merged ??= new HashSet<string>(StringComparer.Ordinal);
                Merge(obj, value, mark, merged);
                continue;
            }

            if (obj.ContainsKey(key))
            {
                if (merged?.Remove(key) != true)
                {
                    throw new ManifestFormatException($"duplicate key \"{key}\" (already defined in this mapping)", mark.Line, mark.Column);
                }

                obj.Remove(key);
            }

            obj[key] = value;
            Index.AddMember(obj, key, mark);
        }

        return obj;
    }

    private void Merge(JsonObject target, JsonNode value, SourceMark mark, HashSet<string> merged)
    {
        IEnumerable<JsonNode?> sources = value is JsonArray array ? array : [value];
        foreach (var source in sources)
        {
            if (source is not JsonObject map)
            {
                throw new ManifestFormatException("a merge key (<<) needs a mapping or a list of mappings", mark.Line, mark.Column);
            }

            foreach (var (key, child) in map.ToList())
            {
                if (!target.ContainsKey(key))
                {
                    target[key] = child?.DeepClone();
                    Index.AddMember(target, key, mark);
                    merged.Add(key);
                }
            }
        }
    }

    private JsonNode? Expand(AnchorAlias alias)
    {
        var at = MarkOf(alias.Start);
        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            throw new ManifestFormatException($"unknown anchor \"{alias.Value.Value}\"", at.Line, at.Column);
        }

        Count(alias.Start, anchored.Count);
        return anchored.Node?.DeepClone();
    }

    private void Count(Mark where, long nodes)
    {
        _nodes += nodes;
        if (_nodes > _options.MaxNodesPerDocument)
        {
            var at = MarkOf(where);
            throw new ManifestFormatException(
                $"document expands to more than {_options.MaxNodesPerDocument} nodes (too many aliases: a YAML alias bomb?); refused", at.Line, at.Column);
        }
    }

    private static (string Message, int Line, int Column) Describe(YamlException ex, string text)
    {
        var reason = LocationPrefix().Replace(ex.Message, string.Empty).Trim();
        var line = (int)Math.Max(1, ex.Start.Line);
        var column = (int)Math.Max(1, ex.Start.Column);
        if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = line - 1; i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                if (lines[i].AsSpan(0, indent).Contains('\t'))
                {
                    return ("tab character used for indentation (YAML allows only spaces)", i + 1, lines[i].IndexOf('\t', StringComparison.Ordinal) + 1);
                }
            }
        }

        return (reason.Length == 0 ? "invalid YAML" : reason, line, column);
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}
