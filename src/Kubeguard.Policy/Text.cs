using System.Text;

namespace Kubeguard.Policy;

/// <summary>The small message helpers every check shares (upstream's pluralize and joinQuote).</summary>
public static class Text
{
    /// <summary><paramref name="singular"/> when <paramref name="count"/> is exactly 1, else <paramref name="plural"/>.</summary>
    public static string Plural(string singular, string plural, int count) => count == 1 ? singular : plural;

    /// <summary><c>"a", "b"</c>: items wrapped in one pair of quotes, joined by <c>", "</c>; not escaped.</summary>
    public static string QuoteJoin(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        sb.Append('"');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append("\", \"");
            }

            sb.Append(items[i]);
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Distinct values sorted by UTF-8 bytes, as Go's sets.List does.</summary>
    public static List<string> SortedSet(IEnumerable<string> values)
    {
        var set = new SortedSet<string>(values, GoText.Ordinal);
        return [.. set];
    }
}
