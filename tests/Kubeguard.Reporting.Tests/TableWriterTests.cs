namespace Kubeguard.Reporting.Tests;

public class TableWriterTests
{
    [Fact]
    public void Table_has_no_escape_codes_without_colour()
    {
        var text = SampleReports.Render(SampleReports.Mixed(), ReportFormat.Table);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Table_uses_ansi_colour_when_asked()
    {
        var text = SampleReports.Render(SampleReports.Mixed(), ReportFormat.Table, new ReportWriterOptions { Color = true });
        Assert.Contains("\u001b[31mFAIL\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_groups_targets_under_their_file_and_ends_with_a_summary()
    {
        var lines = SampleReports.Render(SampleReports.Mixed(), ReportFormat.Table).Split('\n');
        var web = Array.IndexOf(lines, "manifests/web.yaml");
        var job = Array.IndexOf(lines, "manifests/jobs/migrate.yaml");
        Assert.True(web >= 0 && job > web);
        Assert.StartsWith("  FAIL  Deployment shop/web", lines[web + 1], StringComparison.Ordinal);
        Assert.Equal("Summary: 2 targets checked: 1 passed, 1 failed (2 findings: 1 high, 1 medium); 1 input error; read 3 files, 4 documents.", lines[^2]);
    }

    [Fact]
    public void Table_can_hide_passing_targets()
    {
        var text = SampleReports.Render(SampleReports.Mixed(), ReportFormat.Table, new ReportWriterOptions { ShowPassed = false });
        Assert.DoesNotContain("PASS", text, StringComparison.Ordinal);
        Assert.Contains("FAIL", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(false, null, null, false)]
    [InlineData(true, "1", null, false)]
    [InlineData(true, "", null, true)]
    [InlineData(true, null, "dumb", false)]
    public void Colour_follows_the_terminal_and_no_color(bool terminal, string? noColor, string? term, bool expected) =>
        Assert.Equal(expected, ReportWriters.ShouldUseColor(terminal, name => name switch { "NO_COLOR" => noColor, "TERM" => term, _ => null }));
}
