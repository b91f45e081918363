using Kubeguard.Testing;

namespace Kubeguard.Reporting.Tests;

public class WriterGoldenTests
{
    public static TheoryData<string, ReportFormat> Formats => new()
    {
        { "table.txt", ReportFormat.Table },
        { "json.json", ReportFormat.Json },
        { "sarif.sarif", ReportFormat.Sarif },
        { "junit.xml", ReportFormat.Junit },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_renders_the_mixed_report_as_its_golden_file(string file, ReportFormat format) =>
        Golden.AssertMatches("reporting/mixed." + file, SampleReports.Render(SampleReports.Mixed(), format));

    [Fact]
    public void The_reporting_golden_folder_holds_exactly_the_expected_files() =>
        Golden.AssertExactSet("reporting", Formats.Select(row => "mixed." + (string)row[0]));
}
