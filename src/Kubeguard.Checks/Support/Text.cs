namespace Kubeguard.Checks;

/// <summary>Message helpers: quoted, sorted lists.</summary>
internal static class Text
{
    /// <summary><c>"a", "b"</c>, sorted ordinally, without duplicates.</summary>
    public static string QuoteJoin(IEnumerable<string> items) =>
        string.Join(", ", items.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(i => $"\"{i}\""));

    /// <summary>The singular or plural form for a count.</summary>
    public static string Plural(int count, string singular, string plural) => count == 1 ? singular : plural;
}
