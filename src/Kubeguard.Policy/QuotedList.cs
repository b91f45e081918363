namespace Kubeguard.Policy;

/// <summary>
/// <c>"a", "b"</c> written straight into an interpolated string, without an intermediate string:
/// use as <c>$"... {Text.Quoted(list)} ..."</c>.
/// </summary>
internal readonly struct QuotedList(IReadOnlyList<string> items) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        if (items.Count == 0)
        {
            return true;
        }

        var at = 0;
        if (!Put(destination, ref at, "\""))
        {
            return false;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if ((i > 0 && !Put(destination, ref at, "\", \"")) || !Put(destination, ref at, items[i] ?? string.Empty))
            {
                return false;
            }
        }

        if (!Put(destination, ref at, "\""))
        {
            return false;
        }

        charsWritten = at;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => Text.QuoteJoin(items);

    public override string ToString() => Text.QuoteJoin(items);

    private static bool Put(Span<char> destination, ref int at, string text)
    {
        if (!text.AsSpan().TryCopyTo(destination[at..]))
        {
            return false;
        }

        at += text.Length;
        return true;
    }
}
