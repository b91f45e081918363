using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Yaml;

namespace Kubeguard.Fix.Tests;

/// <summary>The located parser's offsets, the inferred style and the diff format, over the quirks that matter for editing.</summary>
public sealed class LocatorTests
{
    private static (string Text, YamlDocument Document) Parse(string text)
    {
        var documents = LocatedYamlParser.Parse(text, new LineMap(text));
        return (text, Assert.Single(documents));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Scalar_spans_are_exact_offsets_in_lf_and_crlf_text(string newline)
    {
        var (text, document) = Parse(string.Join(newline, "a:", "  b: 'quoted'  # c", "  d: [x, \"y\"]", "  e: plain", string.Empty));
        var root = document.Root!.Get("a")!;
        Assert.Equal("'quoted'", text[root.Get("b")!.Start..root.Get("b")!.End]);
        var flow = root.Get("d")!;
        Assert.True(flow.IsFlow);
        Assert.Equal("[x, \"y\"]", text[flow.Start..flow.End]);
        Assert.Equal("plain", text[root.Get("e")!.Start..root.Get("e")!.End]);
        Assert.Equal(root.Get("e")!.End, root.End);
    }

    [Fact]
    public void A_block_scalar_ends_at_the_start_of_the_next_line()
    {
        var (text, document) = Parse("a: |\n  one\n  two\nb: x\n");
        var block = document.Root!.Get("a")!;
        Assert.Equal("|\n  one\n  two\n", text[block.Start..block.End]);
    }

    [Fact]
    public void Documents_are_split_at_separator_lines_even_with_comments_and_a_broken_one_does_not_stop_the_rest()
    {
        const string text = "# head\n--- # one\na: 1\n---\nb: [\n--- # three\nc: 3\n...\n";
        var documents = LocatedYamlParser.Parse(text, new LineMap(text));
        Assert.Equal(3, documents.Count);
        Assert.Equal("1", documents[0].Root!.Get("a")!.Value);
        Assert.NotNull(documents[1].Error);
        Assert.Equal(5, documents[1].Line);
        Assert.Equal("3", documents[2].Root!.Get("c")!.Value);
        Assert.Equal(text.Length, documents[2].End);
    }

    [Fact]
    public void A_file_without_a_final_newline_still_gives_exact_ends()
    {
        var (text, document) = Parse("a:\n  b: last");
        Assert.Equal(text.Length, document.Root!.End);
    }

    [Theory]
    [InlineData("a:\n  b:\n    c: 1\n  l:\n  - x\n", 2, 0, 2)]
    [InlineData("a:\n    b:\n        c: 1\n    l:\n        -   x\n", 4, 4, 4)]
    [InlineData("a:\n  l:\n    - x\n  m:\n    - y\n  k:\n    v: 1\n", 2, 2, 2)]
    public void The_document_style_is_inferred_by_majority(string yaml, int step, int sequenceIndent, int dashGap)
    {
        var (text, document) = Parse(yaml);
        Assert.Equal(new DocumentStyle(step, sequenceIndent, dashGap), DocumentStyle.Infer(document.Root, new LineMap(text)));
    }

    [Fact]
    public void Plain_scalars_resolve_with_the_core_schema_and_quoted_ones_stay_strings()
    {
        var (_, document) = Parse("a: true\nb: 'true'\nc: 10\nd: \"10\"\ne: ~\nf: 1.5\ng: RuntimeDefault\n");
        var json = JsonProjection.ToJson(document.Root)!;
        Assert.Equal("{\"a\":true,\"b\":\"true\",\"c\":10,\"d\":\"10\",\"e\":null,\"f\":1.5,\"g\":\"RuntimeDefault\"}", json.ToJsonString());
    }

    [Fact]
    public void Same_offset_inserts_put_the_deeper_text_first()
    {
        var edits = new[] { new TextEdit(3, 3, "shallow\n", 2), new TextEdit(3, 3, "deeper\n", 4) };
        Assert.Equal("ab\ndeeper\nshallow\nc", TextEdit.ApplyAll("ab\nc", edits));
    }

    [Fact]
    public void The_unified_diff_marks_a_missing_final_newline_and_keeps_crlf_inside_lines()
    {
        var diff = UnifiedDiff.Create("a: 1\r\nb: 2", "a: 1\r\nb: 2\r\nc: 3", "x.yaml");
        Assert.Equal("diff --git a/x.yaml b/x.yaml\n--- a/x.yaml\n+++ b/x.yaml\n@@ -1,2 +1,3 @@\n a: 1\r\n-b: 2\n\\ No newline at end of file\n+b: 2\r\n+c: 3\n\\ No newline at end of file\n", diff);
        Assert.Equal(string.Empty, UnifiedDiff.Create("same\n", "same\n", "x.yaml"));
    }
}
