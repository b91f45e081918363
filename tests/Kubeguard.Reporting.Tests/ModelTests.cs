namespace Kubeguard.Reporting.Tests;

public class ModelTests
{
    [Fact]
    public void Summary_counts_targets_findings_severities_and_errors()
    {
        var summary = SampleReports.Mixed().Summary;
        Assert.Equal((2, 1, 1, 2, 1), (summary.Targets, summary.Passed, summary.Failed, summary.Findings, summary.Errors));
        Assert.Equal(1, summary.BySeverity[Severity.High]);
        Assert.Equal(1, summary.BySeverity[Severity.Medium]);
        Assert.Equal(0, summary.BySeverity[Severity.Critical]);
    }

    [Theory]
    [InlineData("json", ReportFormat.Json)]
    [InlineData("SARIF", ReportFormat.Sarif)]
    [InlineData(" junit ", ReportFormat.Junit)]
    [InlineData("table", ReportFormat.Table)]
    public void Formats_parse_by_name(string text, ReportFormat expected)
    {
        Assert.True(ReportWriters.TryParseFormat(text, out var format));
        Assert.Equal(expected, format);
        Assert.Equal(expected, ReportWriters.For(format).Format);
    }

    [Fact]
    public void Unknown_format_does_not_parse() => Assert.False(ReportWriters.TryParseFormat("xml", out _));

    [Fact]
    public void Severity_overrides_replace_defaults_per_rule()
    {
        Assert.True(SeverityOverrides.TryParse(["hostPorts=low", "privileged = critical"], out var overrides, out var error));
        Assert.Null(error);
        Assert.Equal(Severity.Low, overrides.For("hostPorts", Severity.High));
        Assert.Equal(Severity.Critical, overrides.For("privileged", Severity.High));
        Assert.Equal(Severity.Medium, overrides.For("runAsUser", Severity.Medium));
    }

    [Fact]
    public void Bad_severity_override_is_rejected_with_the_entry_named()
    {
        Assert.False(SeverityOverrides.TryParse(["hostPorts=severe"], out _, out var error));
        Assert.Contains("hostPorts=severe", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.Critical, "error", "9.5")]
    [InlineData(Severity.High, "error", "8.0")]
    [InlineData(Severity.Medium, "warning", "5.5")]
    [InlineData(Severity.Low, "note", "3.0")]
    public void Severities_map_to_sarif_levels_and_github_scores(Severity severity, string level, string score)
    {
        Assert.Equal(level, severity.ToSarifLevel());
        Assert.Equal(score, severity.ToSecurityScore());
    }

    [Theory]
    [InlineData("a/b c.yaml", "a/b%20c.yaml")]
    [InlineData("./x/y.yaml", "x/y.yaml")]
    [InlineData("x\\y.yaml", "x/y.yaml")]
    [InlineData("/abs/p.yaml", "file:///abs/p.yaml")]
    public void Sarif_uris_are_relative_references_or_file_uris(string file, string uri) =>
        Assert.Equal(uri, Writers.SarifWriter.ToUri(file));
}
