using System.Text.Json.Nodes;
using Kubeguard.Testing;

namespace Kubeguard.Reporting.Tests;

public class SchemaTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sarif_output_validates_against_the_official_2_1_0_schema(bool mixed)
    {
        if (!SharedAvailable())
        {
            return;
        }

        var sarif = SampleReports.Render(mixed ? SampleReports.Mixed() : SampleReports.Clean(), ReportFormat.Sarif);
        Assert.Empty(SchemaValidation.SarifErrors(sarif));
    }

    [Fact]
    public void Sarif_validation_rejects_a_bad_level_and_a_zero_start_line()
    {
        if (!SharedAvailable())
        {
            return;
        }

        var sarif = JsonNode.Parse(SampleReports.Render(SampleReports.Mixed(), ReportFormat.Sarif))!;
        var result = sarif["runs"]![0]!["results"]![0]!;
        result["level"] = "critical";
        result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        var errors = SchemaValidation.SarifErrors(sarif.ToJsonString());
        Assert.Contains(errors, e => e.Contains("NotInEnumeration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("NumberTooSmall", StringComparison.Ordinal));
    }

    [Fact]
    public void Sarif_meets_what_github_code_scanning_reads()
    {
        var sarif = JsonNode.Parse(SampleReports.Render(SampleReports.Mixed(), ReportFormat.Sarif))!;
        Assert.StartsWith("https://", (string)sarif["$schema"]!, StringComparison.Ordinal);
        var run = sarif["runs"]![0]!;
        foreach (var rule in run["tool"]!["driver"]!["rules"]!.AsArray())
        {
            Assert.False(string.IsNullOrEmpty((string?)rule!["shortDescription"]!["text"]));
            Assert.False(string.IsNullOrEmpty((string?)rule["fullDescription"]!["text"]));
            Assert.False(string.IsNullOrEmpty((string?)rule["help"]!["text"]));
            Assert.NotNull(rule["properties"]!["security-severity"]);
        }

        var results = run["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        foreach (var result in results)
        {
            var region = result!["locations"]![0]!["physicalLocation"]!["region"]!;
            Assert.All(new[] { "startLine", "startColumn", "endLine", "endColumn" }, key => Assert.True((int)region[key]! >= 1));
            Assert.Equal("manifests/web.yaml", (string)result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
            Assert.NotNull(result["partialFingerprints"]!["kubeguard/v1"]);
        }

        Assert.False((bool)run["invocations"]![0]!["executionSuccessful"]!);
        Assert.Equal(7, (int)run["invocations"]![0]!["toolExecutionNotifications"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Junit_output_validates_against_the_xunit_plugin_xsd(bool mixed)
    {
        if (!SharedAvailable())
        {
            return;
        }

        var xml = SampleReports.Render(mixed ? SampleReports.Mixed() : SampleReports.Clean(), ReportFormat.Junit);
        Assert.Empty(SchemaValidation.JunitErrors(xml));
    }

    [Fact]
    public void Junit_validation_rejects_an_undeclared_attribute()
    {
        if (!SharedAvailable())
        {
            return;
        }

        var xml = SampleReports.Render(SampleReports.Mixed(), ReportFormat.Junit).Replace("<testsuites ", "<testsuites skipped=\"0\" ", StringComparison.Ordinal);
        var error = Assert.Single(SchemaValidation.JunitErrors(xml));
        Assert.Contains("skipped", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Json_output_validates_against_the_documented_schema(bool mixed)
    {
        var json = SampleReports.Render(mixed ? SampleReports.Mixed() : SampleReports.Clean(), ReportFormat.Json);
        Assert.Empty(SchemaValidation.ReportErrors(json));
    }

    [Fact]
    public void Json_schema_rejects_a_result_without_its_violations()
    {
        var json = JsonNode.Parse(SampleReports.Render(SampleReports.Mixed(), ReportFormat.Json))!;
        json["results"]![0]!.AsObject().Remove("violations");
        Assert.NotEmpty(SchemaValidation.ReportErrors(json.ToJsonString()));
    }

    private static bool SharedAvailable()
    {
        if (SchemaValidation.SharedSchemasAvailable)
        {
            return true;
        }

        Assert.False(RepositoryPaths.RequiredByCi, "CI=true but ../shared/schemas is missing");
        return false;
    }
}
