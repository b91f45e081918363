namespace Kubeguard.Policy;

/// <summary>
/// Who set a forbidden value, as upstream names it: <c>pod</c>, <c>container(s) "a", "b"</c>, or
/// both joined with <c>" and "</c>; written straight into an interpolated string.
/// </summary>
internal readonly struct Setters(bool pod, List<string>? containers) : ISpanFormattable
{
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        charsWritten = 0;
        var at = 0;
        if (pod && !Put(destination, ref at, containers is null ? "pod" : "pod and "))
        {
            return false;
        }

        if (containers is not null)
        {
            if (!Put(destination, ref at, Text.Plural("container ", "containers ", containers.Count))
                || !new QuotedList(containers).TryFormat(destination[at..], out var written, format, provider))
            {
                return false;
            }

            at += written;
        }

        charsWritten = at;
        return true;
    }

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public override string ToString() => $"{this}";

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
