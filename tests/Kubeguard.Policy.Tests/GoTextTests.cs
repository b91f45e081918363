namespace Kubeguard.Policy.Tests;

public sealed class GoTextTests
{
    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("plain text", "\"plain text\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"")]
    [InlineData("\u0000\u0001\u001b\u001f", "\"\\x00\\x01\\x1b\\x1f\"")]
    [InlineData("\u007f", "\"\\x7f\"")]
    [InlineData("\u0080\u009f", "\"\\u0080\\u009f\"")]
    [InlineData("é ü ß ж 漢字", "\"é ü ß ж 漢字\"")]
    [InlineData("\u00a0", "\"\\u00a0\"")]
    [InlineData("\u00ad", "\"\\u00ad\"")]
    [InlineData("\u200b", "\"\\u200b\"")]
    [InlineData("\u2028", "\"\\u2028\"")]
    [InlineData("\u3000", "\"\\u3000\"")]
    [InlineData("\ufeff", "\"\\ufeff\"")]
    [InlineData("\ufffd", "\"\ufffd\"")]
    [InlineData("😀", "\"😀\"")]
    [InlineData("\U000E0001", "\"\\U000e0001\"")]
    [InlineData("\U000F0000", "\"\\U000f0000\"")]
    public void Quotes_like_gos_strconv_quote(string value, string expected) =>
        Assert.Equal(expected, GoText.Quote(value));

    [Fact]
    public void Quotes_null_as_the_empty_string() => Assert.Equal("\"\"", GoText.Quote(null));

    [Fact]
    public void Orders_by_utf8_bytes()
    {
        string[] values = ["b", "a", "_", "B", "\uFFFD", "😀", "é", "Z", ""];
        Assert.Equal(["", "B", "Z", "_", "a", "b", "é", "\uFFFD", "😀"], values.Order(GoText.Ordinal));
    }

    [Fact]
    public void Orders_seLinuxOptions_before_seccompProfile_baseline()
    {
        Assert.True(GoText.Ordinal.Compare("seLinuxOptions", "seccompProfile_baseline") < 0);
        Assert.True(GoText.Ordinal.Compare("procMount", "procMount_restricted") < 0);
        Assert.Equal(0, GoText.Ordinal.Compare("x", "x"));
        Assert.True(GoText.Ordinal.Compare(null, "x") < 0);
    }

    [Theory]
    [InlineData(0, "containers")]
    [InlineData(1, "container")]
    [InlineData(2, "containers")]
    public void Pluralizes_only_exactly_one_as_singular(int count, string expected) =>
        Assert.Equal(expected, Text.Plural("container", "containers", count));

    [Fact]
    public void Quote_joins_without_escaping()
    {
        Assert.Equal("\"a\", \"b\\\"c\"", Text.QuoteJoin(["a", "b\\\"c"]));
        Assert.Equal(string.Empty, Text.QuoteJoin([]));
        Assert.Equal("\"\"", Text.QuoteJoin([string.Empty]));
    }

    [Fact]
    public void Sorted_sets_are_distinct_and_ordinal()
    {
        Assert.Equal(["443", "80", "8080", "9"], Text.SortedSet(["9", "80", "443", "8080", "80"]));
    }
}
