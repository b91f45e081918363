using System.Globalization;
using System.Text;

namespace Kubeguard.Policy;

/// <summary>
/// Go's string conventions, which upstream messages depend on: <c>%q</c> quoting and byte-wise
/// (UTF-8) ordering.
/// </summary>
public static class GoText
{
    /// <summary>Orders strings as Go does: by their UTF-8 bytes.</summary>
    public static StringComparer Ordinal { get; } = new Utf8OrderComparer();

    /// <summary>Quotes <paramref name="value"/> as Go's <c>strconv.Quote</c> / <c>%q</c> does.</summary>
    public static string Quote(string? value)
    {
        value ??= string.Empty;
        if (!NeedsEscaping(value))
        {
            return "\"" + value + "\"";
        }

        var sb = new StringBuilder(value.Length + 8);
        sb.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            AppendRune(sb, rune);
        }

        sb.Append('"');
        return sb.ToString();
    }

    private static bool NeedsEscaping(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c >= 0x7f || c is '"' or '\\')
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        switch (rune.Value)
        {
            case '"': sb.Append("\\\""); return;
            case '\\': sb.Append("\\\\"); return;
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (rune.Value < 0x20 || rune.Value == 0x7f)
        {
            sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (IsGoPrintable(rune))
        {
            sb.Append(rune.ToString());
        }
        else if (rune.Value <= 0xffff)
        {
            sb.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    private static bool IsGoPrintable(Rune rune)
    {
        if (rune.Value == ' ')
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }

    private sealed class Utf8OrderComparer : StringComparer
    {
        public override int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            // UTF-16 ordinal order, except where the first difference involves a surrogate.
            var common = x.AsSpan().CommonPrefixLength(y);
            if (common == x.Length || common == y.Length)
            {
                return x.Length - y.Length;
            }

            return Weight(x[common]) - Weight(y[common]);
        }

        // UTF-16 code-unit order equals code-point (and so UTF-8) order except between
        // surrogates and U+E000..U+FFFF; shift them so surrogates sort last.
        private static int Weight(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

        public override bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public override int GetHashCode(string obj) => StringComparer.Ordinal.GetHashCode(obj);
    }
}
