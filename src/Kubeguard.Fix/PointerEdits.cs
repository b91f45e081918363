using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Yaml;

namespace Kubeguard.Fix;

/// <summary>One value to set: a JSON pointer inside a document (<c>/spec/containers/0/image</c>) and the new string.</summary>
/// <param name="Path">The JSON pointer of an existing scalar.</param>
/// <param name="Value">The new value.</param>
public sealed record PointerEdit(string Path, string Value);

/// <summary>What <see cref="PointerEdits.Apply"/> did to one file.</summary>
/// <param name="Output">The new bytes (the original bytes when nothing changed).</param>
/// <param name="Applied">How many values were set.</param>
/// <param name="Refusals">Documents left alone, each with its line and reason.</param>
public sealed record PointerEditResult(byte[] Output, int Applied, IReadOnlyList<string> Refusals)
{
    /// <summary>True when the output differs from the input.</summary>
    public bool Changed => Applied > 0;
}

/// <summary>
/// Sets existing scalars at JSON pointers in YAML (or JSON) files through the byte-preserving
/// editor of <c>kubeguard fix</c>: only the scalar's own text changes, so comments, order, quoting
/// style elsewhere and every other byte stay as they were. A document the editor cannot change
/// exactly is left alone and named.
/// </summary>
public static class PointerEdits
{
    /// <summary>
    /// Applies the edits <paramref name="editsFor"/> gives for each document (its JSON projection)
    /// to <paramref name="bytes"/> (UTF-8, with or without BOM).
    /// </summary>
    public static PointerEditResult Apply(byte[] bytes, Func<JsonNode, IReadOnlyList<PointerEdit>> editsFor)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(editsFor);
        SourceText source;
        try
        {
            source = SourceText.Decode(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new PointerEditResult(bytes, 0, ["not UTF-8; left untouched"]);
        }

        var lines = new LineMap(source.Text);
        var all = new List<TextEdit>();
        var refusals = new List<string>();
        var applied = 0;
        foreach (var document in LocatedYamlParser.Parse(source.Text, lines))
        {
            JsonNode? json;
            try
            {
                json = document.Error is null ? JsonProjection.ToJson(document.Root) : null;
            }
            catch (YamlDotNet.Core.YamlException)
            {
                json = null;
            }

            if (json is null)
            {
                continue;
            }

            var wanted = editsFor(json);
            if (wanted.Count == 0)
            {
                continue;
            }

            var ops = wanted.Select(e => new EditOp(EditKind.Set, ToFieldPath(e.Path), JsonValue.Create(e.Value))).ToList();
            var (edits, refusal) = new YamlEditor(source.Text, lines, document).Render(ops);
            if (refusal is not null)
            {
                refusals.Add($"line {refusal.Line}: {refusal.Reason}; left untouched");
                continue;
            }

            all.AddRange(edits.Select(e => KeepPlain(source.Text, e)));
            applied += wanted.Count;
        }

        return applied == 0
            ? new PointerEditResult(bytes, 0, refusals)
            : new PointerEditResult(source.Encode(TextEdit.ApplyAll(source.Text, all)), applied, refusals);
    }

    /// <summary>Applies the edits to a file and writes it back atomically when something changed.</summary>
    public static PointerEditResult ApplyToFile(string path, Func<JsonNode, IReadOnlyList<PointerEdit>> editsFor)
    {
        var result = Apply(File.ReadAllBytes(path), editsFor);
        if (result.Changed)
        {
            AtomicFile.Write(path, result.Output);
        }

        return result;
    }

    /// <summary>
    /// The editor quotes a new string value; when the scalar it replaces was plain and the new value
    /// reads back as the same string unquoted, the plain form is kept so the line changes only by
    /// the value itself.
    /// </summary>
    private static TextEdit KeepPlain(string text, TextEdit edit)
    {
        var old = text[edit.Start..edit.End];
        if (old.Length == 0 || old[0] is '"' or '\'' || edit.Text.Length < 2 || edit.Text[0] != '"' || edit.Text[^1] != '"')
        {
            return edit;
        }

        var value = edit.Text[1..^1];
        var plainSafe = value.Length > 0
            && !value.Any(c => char.IsControl(c) || c is '"' or '\\')
            && "-?:,[]{}#&*!|>'%@`".IndexOf(value[0], StringComparison.Ordinal) < 0
            && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && !value.EndsWith(':')
            && JsonProjection.PlainValue(value) is JsonValue parsed && parsed.TryGetValue<string>(out var back) && back == value;
        return plainSafe ? edit with { Text = value } : edit;
    }

    private static FieldPath ToFieldPath(string pointer)
    {
        var path = FieldPath.Root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            path = int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? path.Item(index) : path.Key(segment);
        }

        return path;
    }
}
