namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Cuts a YAML stream into documents at <c>---</c> lines, so a broken document cannot hide the
/// ones after it. Directives (<c>%YAML</c>) stay with the document they introduce.
/// </summary>
internal static class DocumentSplitter
{
    /// <summary>One document's text; <paramref name="FirstLine"/> is the 0-based line it starts on.</summary>
    public readonly record struct Chunk(string Text, int FirstLine);

    public static IEnumerable<Chunk> Split(string text)
    {
        var start = 0;
        var startLine = 0;
        var line = 0;
        var position = 0;
        var onlyDirectives = true;
        var hasContent = false;
        while (position <= text.Length)
        {
            var end = text.IndexOf('\n', position);
            var lineEnd = end < 0 ? text.Length : end;
            var isMarker = IsDocumentStart(text, position, lineEnd);
            if (isMarker && position > start && !(onlyDirectives && hasContent))
            {
                if (hasContent)
                {
                    yield return new Chunk(text[start..position], startLine);
                }

                start = position;
                startLine = line;
                onlyDirectives = true;
                hasContent = false;
            }

            if (!isMarker && !IsBlankOrComment(text, position, lineEnd))
            {
                hasContent = true;
                onlyDirectives &= text[position] == '%';
            }
            else if (isMarker && lineEnd - position > 3 && !IsBlankOrComment(text, position + 3, lineEnd))
            {
                hasContent = true;
                onlyDirectives = false;
            }

            if (end < 0)
            {
                break;
            }

            position = end + 1;
            line++;
        }

        if (hasContent)
        {
            yield return new Chunk(text[start..], startLine);
        }
    }

    private static bool IsDocumentStart(string text, int start, int end) =>
        end - start >= 3 && string.CompareOrdinal(text, start, "---", 0, 3) == 0
        && (end - start == 3 || char.IsWhiteSpace(text[start + 3]));

    private static bool IsBlankOrComment(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '#')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
