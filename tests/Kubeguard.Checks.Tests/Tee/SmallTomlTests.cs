using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Tests.Tee;

public sealed class SmallTomlTests
{
    [Fact]
    public void Tables_dotted_keys_strings_and_scalars_are_read()
    {
        var doc = SmallToml.Parse("""
            # comment
            title = "a \"quoted\" \u00e9 value" # trailing
            [token_configs.kbs]
            url = 'https://kbs'
            port = 8_080
            on = true
            ratio = 0.5
            list = [1, "two", [3]]
            inline = { a = "b", c.d = 1 }
            [[rules]]
            name = "first"
            [[rules]]
            name = "second"
            """);

        Assert.Equal("a \"quoted\" é value", doc["title"]);
        Assert.Equal("https://kbs", SmallToml.At(doc, "token_configs", "kbs", "url"));
        Assert.Equal(8080L, SmallToml.At(doc, "token_configs", "kbs", "port"));
        Assert.Equal(true, SmallToml.At(doc, "token_configs", "kbs", "on"));
        Assert.Equal(0.5, SmallToml.At(doc, "token_configs", "kbs", "ratio"));
        Assert.Equal(1L, SmallToml.At(doc, "token_configs", "kbs", "inline", "c", "d"));
        Assert.Equal(2, ((List<object>)doc["rules"]).Count);
    }

    [Fact]
    public void Multi_line_strings_drop_the_first_newline_and_keep_the_rest()
    {
        var doc = SmallToml.Parse("a = '''\nline1\n\"\"\"x\"\"\"\n'''\nb = \"\"\"\n  one \\\n  two\"\"\"\n");

        Assert.Equal("line1\n\"\"\"x\"\"\"\n", doc["a"]);
        Assert.Equal("  one two", doc["b"]);
    }

    [Theory]
    [InlineData("a = \"open", "line 1: unterminated string")]
    [InlineData("a = 1\na = 2", "line 2: key \"a\" is defined twice")]
    [InlineData("[table\nx = 1", "line 1: ']' is expected")]
    [InlineData("a = 1 b = 2", "line 1: unexpected \"b\" after a value")]
    [InlineData("a = '''never closed", "line 1: unterminated multi-line string")]
    [InlineData("= 1", "line 1: a key is expected")]
    [InlineData("a = 1979-05-27", "line 1: unsupported value \"1979-05-27\"")]
    public void Anything_outside_the_subset_is_an_error_with_its_line(string text, string error)
    {
        var ex = Assert.Throws<TomlSyntaxException>(() => SmallToml.Parse(text));

        Assert.Equal(error, ex.Message);
    }
}
