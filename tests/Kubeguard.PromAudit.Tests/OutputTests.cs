using System.Text.Json;
using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Tests.Lab;
using Kubeguard.Reporting;
using Kubeguard.Testing;

namespace Kubeguard.PromAudit.Tests;

/// <summary>
/// The audit rendered by the shared writers. The input is every recorded answer of the open lab
/// server replayed by the stub, with a fixed clock and fingerprint key, so the output is stable.
/// </summary>
public sealed class OutputTests
{
    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    }

    private static async Task<Report> OpenServerReportAsync()
    {
        var answers = new Dictionary<string, ApiResponse>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(Paths.PrometheusFixtures, "exposed.open-server", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var (key, answer) in FixtureStore.Load(folder))
            {
                answers[key] = answer;
            }
        }

        using var client = new PrometheusClient(new Uri("http://prometheus.lab:9090/"), new StubHandler(answers), new ClientSettings());
        var audit = await Auditor.RunAsync(client, new AuditOptions { FingerprintKey = new byte[32] }, new FixedTime(), CancellationToken.None);
        return AuditReportMapping.ToReport(audit, SeverityPolicy.BuiltIn);
    }

    private static async Task<string> RenderAsync(ReportFormat format)
    {
        var output = new StringWriter();
        ReportWriters.For(format).Write(await OpenServerReportAsync(), output);
        return output.ToString();
    }

    [Theory]
    [InlineData(ReportFormat.Table, "prometheus/open-server.table.txt")]
    [InlineData(ReportFormat.Json, "prometheus/open-server.json")]
    [InlineData(ReportFormat.Sarif, "prometheus/open-server.sarif")]
    public async Task The_open_server_report_matches_its_golden_file(ReportFormat format, string golden) =>
        Golden.AssertMatches(golden, await RenderAsync(format));

    [Fact]
    public async Task The_json_report_has_one_result_per_probe_with_outcome_and_evidence()
    {
        using var json = JsonDocument.Parse(await RenderAsync(ReportFormat.Json));
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("prometheus", json.RootElement.GetProperty("command").GetString());
        Assert.Equal(ProbeCatalog.BuiltIn.Length, results.Count);
        Assert.All(results, r => Assert.Equal("exposed", r.GetProperty("outcome").GetString()));
        var admin = results.Single(r => r.GetProperty("target").GetString() == "PROM-020 admin-api-enabled").GetProperty("violations")[0];
        Assert.Equal("critical", admin.GetProperty("severity").GetString());
        Assert.Equal("flag web.enable-admin-api: true", admin.GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task The_sarif_report_declares_every_probe_as_a_rule_and_reports_each_exposure()
    {
        using var sarif = JsonDocument.Parse(await RenderAsync(ReportFormat.Sarif));
        var run = sarif.RootElement.GetProperty("runs")[0];
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Equal(ProbeCatalog.BuiltIn.Length, run.GetProperty("tool").GetProperty("driver").GetProperty("rules").GetArrayLength());
        Assert.Equal(ProbeCatalog.BuiltIn.Length, run.GetProperty("results").GetArrayLength());
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "PROM-020" && r.GetProperty("level").GetString() == "error");
    }

    [Theory]
    [MemberData(nameof(RealServerTests.PlantedSecrets), MemberType = typeof(RealServerTests))]
    public async Task No_output_format_contains_a_planted_secret(string secret)
    {
        foreach (var format in new[] { ReportFormat.Table, ReportFormat.Json, ReportFormat.Sarif, ReportFormat.Junit })
        {
            Assert.DoesNotContain(secret, await RenderAsync(format), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Inconclusive_probes_fail_their_target_with_a_finding_that_says_why()
    {
        var audit = new AuditReport("http://x/", "", "2026-11-15", DateTimeOffset.UnixEpoch, TimeSpan.Zero, "cannot reach x: connection refused",
            [new AuditFinding(ProbeCatalog.BuiltIn[0].Id, "exposure", "t", ProbeOutcome.Inconclusive, Severity.Info, "cannot reach x: connection refused", [], "fix.")], []);
        var report = AuditReportMapping.ToReport(audit, SeverityPolicy.BuiltIn);
        var target = Assert.Single(report.Targets);
        Assert.False(target.Passed);
        Assert.Equal(Severity.None, Assert.Single(target.Findings).Severity);
        Assert.Equal("cannot reach x: connection refused", Assert.Single(report.Errors).Message);
    }
}
