namespace Kubeguard.Fix.Yaml;

/// <summary>Maps offsets to 1-based line numbers and finds line boundaries.</summary>
internal sealed class LineMap
{
    private readonly List<int> _starts = [0];
    private readonly string _text;

    public LineMap(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public int LineCount => _starts.Count;

    /// <summary>1-based line holding <paramref name="offset"/>.</summary>
    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>Offset of the start of the line holding <paramref name="offset"/>.</summary>
    public int LineStart(int offset) => _starts[LineOf(offset) - 1];

    /// <summary>Offset just after the line break ending the line of <paramref name="offset"/> (or the text end).</summary>
    public int NextLineStart(int offset)
    {
        var line = LineOf(offset);
        return line < _starts.Count ? _starts[line] : _text.Length;
    }

    /// <summary>Column (0-based, UTF-16 units) of <paramref name="offset"/>.</summary>
    public int ColumnOf(int offset) => offset - LineStart(offset);
}
