using System.Globalization;
using System.Text;

namespace Kubeguard.Checks.Tee;

/// <summary>A TOML document could not be read; the message names the line.</summary>
public sealed class TomlSyntaxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TomlSyntaxException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TomlSyntaxException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TomlSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// A strict reader for the TOML subset init-data, <c>aa.toml</c>, <c>cdh.toml</c> and
/// <c>kbs-config.toml</c> use: comments, tables and dotted table headers, arrays of tables, bare,
/// quoted and dotted keys, basic and literal strings (single and multi-line), booleans, integers,
/// floats, arrays and inline tables. Anything else is an error, never a guess. Tables are
/// <see cref="Dictionary{TKey, TValue}"/> of string to value.
/// </summary>
public sealed class SmallToml
{
    private readonly string _text;
    private int _pos;

    private SmallToml(string text) => _text = text;

    /// <summary>Parses a document; throws <see cref="TomlSyntaxException"/> with the line number.</summary>
    public static Dictionary<string, object> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SmallToml(text).Document();
    }

    /// <summary>Parses a document, or returns the error.</summary>
    public static Dictionary<string, object>? TryParse(string text, out string? error)
    {
        try
        {
            error = null;
            return Parse(text);
        }
        catch (TomlSyntaxException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The value at a path of keys, or null.</summary>
    public static object? At(Dictionary<string, object>? table, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        object? node = table;
        foreach (var key in keys)
        {
            node = node is Dictionary<string, object> t && t.TryGetValue(key, out var child) ? child : null;
        }

        return node;
    }

    private Dictionary<string, object> Document()
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var current = root;
        while (true)
        {
            SkipBlankAndComments();
            if (_pos >= _text.Length)
            {
                return root;
            }

            if (Peek() == '[')
            {
                var array = _pos + 1 < _text.Length && _text[_pos + 1] == '[';
                _pos += array ? 2 : 1;
                SkipSpaces();
                var keys = Keys();
                SkipSpaces();
                Expect(']');
                if (array)
                {
                    Expect(']');
                }

                EndOfLine();
                current = array ? AppendTable(root, keys) : Table(root, keys);
                continue;
            }

            KeyValue(current);
            EndOfLine();
        }
    }

    private void KeyValue(Dictionary<string, object> table)
    {
        var keys = Keys();
        SkipSpaces();
        Expect('=');
        SkipSpaces();
        var value = Value();
        var parent = Table(table, keys.Take(keys.Count - 1).ToList());
        if (!parent.TryAdd(keys[^1], value))
        {
            throw Error($"key \"{keys[^1]}\" is defined twice");
        }
    }

    private Dictionary<string, object> Table(Dictionary<string, object> root, List<string> keys)
    {
        var table = root;
        foreach (var key in keys)
        {
            if (!table.TryGetValue(key, out var child))
            {
                child = new Dictionary<string, object>(StringComparer.Ordinal);
                table[key] = child;
            }

            table = child switch
            {
                Dictionary<string, object> t => t,
                List<object> { Count: > 0 } l when l[^1] is Dictionary<string, object> last => last,
                _ => throw Error($"key \"{key}\" is not a table"),
            };
        }

        return table;
    }

    private Dictionary<string, object> AppendTable(Dictionary<string, object> root, List<string> keys)
    {
        var parent = Table(root, keys.Take(keys.Count - 1).ToList());
        if (!parent.TryGetValue(keys[^1], out var existing))
        {
            existing = new List<object>();
            parent[keys[^1]] = existing;
        }

        if (existing is not List<object> list)
        {
            throw Error($"key \"{keys[^1]}\" is not an array of tables");
        }

        var table = new Dictionary<string, object>(StringComparer.Ordinal);
        list.Add(table);
        return table;
    }

    private List<string> Keys()
    {
        var keys = new List<string> { Key() };
        SkipSpaces();
        while (Peek() == '.')
        {
            _pos++;
            SkipSpaces();
            keys.Add(Key());
            SkipSpaces();
        }

        return keys;
    }

    private string Key()
    {
        var c = Peek();
        if (c == '"')
        {
            return BasicString();
        }

        if (c == '\'')
        {
            return LiteralString();
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-'))
        {
            _pos++;
        }

        return _pos > start ? _text[start.._pos] : throw Error("a key is expected");
    }

    private object Value()
    {
        if (Starts("\"\"\""))
        {
            return MultiLine("\"\"\"", basic: true);
        }

        if (Starts("'''"))
        {
            return MultiLine("'''", basic: false);
        }

        switch (Peek())
        {
            case '"':
                return BasicString();
            case '\'':
                return LiteralString();
            case '[':
                return Array();
            case '{':
                return InlineTable();
        }

        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not (',' or ']' or '}' or '#' or '\n' or '\r' or ' ' or '\t'))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        if (word == "true" || word == "false")
        {
            return word == "true";
        }

        var number = word.Replace("_", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return real;
        }

        throw Error(word.Length == 0 ? "a value is expected" : $"unsupported value \"{word}\"");
    }

    private List<object> Array()
    {
        Expect('[');
        var items = new List<object>();
        while (true)
        {
            SkipBlankAndComments();
            if (Peek() == ']')
            {
                _pos++;
                return items;
            }

            items.Add(Value());
            SkipBlankAndComments();
            if (Peek() == ',')
            {
                _pos++;
            }
            else if (Peek() != ']')
            {
                throw Error("',' or ']' is expected in an array");
            }
        }
    }

    private Dictionary<string, object> InlineTable()
    {
        Expect('{');
        var table = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipSpaces();
        if (Peek() == '}')
        {
            _pos++;
            return table;
        }

        while (true)
        {
            SkipSpaces();
            KeyValue(table);
            SkipSpaces();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect('}');
            return table;
        }
    }

    private string BasicString()
    {
        Expect('"');
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] is '\n' or '\r')
            {
                throw Error("unterminated string");
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            sb.Append(c == '\\' ? Escape() : c.ToString());
        }
    }

    private string LiteralString()
    {
        Expect('\'');
        var end = _text.IndexOf('\'', _pos);
        var newline = _text.IndexOfAny(['\n', '\r'], _pos);
        if (end < 0 || (newline >= 0 && newline < end))
        {
            throw Error("unterminated string");
        }

        var value = _text[_pos..end];
        _pos = end + 1;
        return value;
    }

    private string MultiLine(string quote, bool basic)
    {
        _pos += 3;
        if (Starts("\r\n"))
        {
            _pos += 2;
        }
        else if (Peek() == '\n')
        {
            _pos++;
        }

        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated multi-line string");
            }

            if (Starts(quote))
            {
                _pos += 3;

                // Up to two quote characters right after the delimiter belong to the string.
                for (var extra = 0; extra < 2 && Peek() == quote[0]; extra++)
                {
                    sb.Append(quote[0]);
                    _pos++;
                }

                return sb.ToString();
            }

            var c = _text[_pos++];
            if (basic && c == '\\')
            {
                if (_pos < _text.Length && _text[_pos] is '\n' or '\r' or ' ' or '\t')
                {
                    while (_pos < _text.Length && _text[_pos] is '\n' or '\r' or ' ' or '\t')
                    {
                        _pos++;
                    }

                    continue;
                }

                sb.Append(Escape());
                continue;
            }

            sb.Append(c);
        }
    }

    private string Escape()
    {
        if (_pos >= _text.Length)
        {
            throw Error("unterminated escape");
        }

        var c = _text[_pos++];
        switch (c)
        {
            case 'b': return "\b";
            case 't': return "\t";
            case 'n': return "\n";
            case 'f': return "\f";
            case 'r': return "\r";
            case 'e': return "\u001b";
            case '"': return "\"";
            case '\\': return "\\";
            case 'u':
            case 'U':
                var length = c == 'u' ? 4 : 8;
                if (_pos + length > _text.Length || !int.TryParse(_text.AsSpan(_pos, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code is < 0 or > 0x10FFFF)
                {
                    throw Error("invalid unicode escape");
                }

                _pos += length;
                return char.ConvertFromUtf32(code);
            default:
                throw Error($"invalid escape \\{c}");
        }
    }

    private void EndOfLine()
    {
        SkipSpaces();
        if (Peek() == '#')
        {
            while (_pos < _text.Length && _text[_pos] != '\n')
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
        {
            throw Error($"unexpected \"{_text[_pos]}\" after a value");
        }
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipBlankAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool Starts(string s) => string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw Error($"'{c}' is expected");
        }

        _pos++;
    }

    private TomlSyntaxException Error(string what)
    {
        var line = 1;
        for (var i = 0; i < Math.Min(_pos, _text.Length); i++)
        {
            if (_text[i] == '\n')
            {
                line++;
            }
        }

        return new TomlSyntaxException($"line {line}: {what}");
    }
}
