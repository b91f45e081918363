using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Reads JSON input (one value or a stream of values) into <see cref="JsonNode"/> trees with a
/// <see cref="PositionIndex"/>, rejecting duplicate keys. Used for input that starts with
/// <c>{</c> or <c>[</c>: JSON may use tabs, which YAML forbids.
/// </summary>
internal sealed class JsonDocumentReader
{
    private readonly int[] _lineStarts;
    private PositionIndex _index = new();

    private JsonDocumentReader(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public static List<(JsonNode? Root, SourceMark Mark, PositionIndex Index)> Read(string text, ManifestLoaderOptions options)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var self = new JsonDocumentReader(utf8);
        var documents = new List<(JsonNode?, SourceMark, PositionIndex)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = options.MaxDepth,
        });
        try
        {
            while (reader.Read())
            {
                self._index = new PositionIndex();
                var mark = self.MarkAt(reader.TokenStartIndex);
                var root = self.ReadValue(ref reader);
                documents.Add((root, mark, self._index));
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new ManifestFormatException("invalid JSON: " + Reason(ex.Message), line, column);
        }

        return documents;
    }

    private JsonNode? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var mark = MarkAt(reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    var value = ReadValue(ref reader);
                    if (obj.ContainsKey(key))
                    {
                        throw new ManifestFormatException($"duplicate key \"{key}\" (already defined in this object)", mark.Line, mark.Column);
                    }

                    obj[key] = value;
                    _index.AddMember(obj, key, mark);
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var mark = MarkAt(reader.TokenStartIndex);
                    array.Add(ReadValue(ref reader));
                    _index.AddItem(array, mark);
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return JsonNode.Parse(reader.ValueSpan);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private SourceMark MarkAt(long offset)
    {
        var line = Array.BinarySearch(_lineStarts, (int)offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourceMark(line + 1, (int)offset - _lineStarts[line] + 1);
    }

    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.') + ".";
    }
}
