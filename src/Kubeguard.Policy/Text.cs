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

        var length = 2 + (4 * (items.Count - 1));
        for (var i = 0; i < items.Count; i++)
        {
            length += items[i]?.Length ?? 0;
        }

        return string.Create(length, items, static (span, list) =>
        {
            span[0] = '"';
            var at = 1;
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0)
                {
                    "\", \"".AsSpan().CopyTo(span[at..]);
                    at += 4;
                }

                var item = list[i] ?? string.Empty;
                item.AsSpan().CopyTo(span[at..]);
                at += item.Length;
            }

            span[at] = '"';
        });
    }

    /// <summary>Like <see cref="QuoteJoin"/>, but written straight into an interpolated string.</summary>
    internal static QuotedList Quoted(IReadOnlyList<string> items) => new(items);

    /// <summary>Distinct values sorted by UTF-8 bytes, as Go's sets.List does.</summary>
    public static List<string> SortedSet(IEnumerable<string> values)
    {
        var list = new List<string>(values);
        SortDistinct(list);
        return list;
    }

    /// <summary>Sorts <paramref name="values"/> by UTF-8 bytes and removes duplicates, in place.</summary>
    internal static void SortDistinct(List<string> values)
    {
        if (values.Count < 2)
        {
            return;
        }

        values.Sort(GoText.Ordinal);
        var kept = 1;
        for (var i = 1; i < values.Count; i++)
        {
            if (!string.Equals(values[i], values[kept - 1], StringComparison.Ordinal))
            {
                values[kept++] = values[i];
            }
        }

        values.RemoveRange(kept, values.Count - kept);
    }

    /// <summary><c>pod</c> and/or <c>container(s) "a", "b"</c>, joined with <c>" and "</c>, as upstream names setters.</summary>
    internal static Setters PodAndContainers(bool pod, List<string>? containers) => new(pod, containers);
}
