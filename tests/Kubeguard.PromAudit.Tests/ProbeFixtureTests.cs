using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Tests.Lab;

namespace Kubeguard.PromAudit.Tests;

/// <summary>
/// Per-probe tests over recorded answers: <c>tests/fixtures/prometheus/&lt;probe&gt;/&lt;outcome&gt;.&lt;scenario&gt;/</c>.
/// The folder name carries the expected outcome; the probe runs alone against a stub that replays the folder.
/// </summary>
public sealed class ProbeFixtureTests
{
    public static TheoryData<string, string> Folders()
    {
        var data = new TheoryData<string, string>();
        foreach (var probe in Directory.EnumerateDirectories(Paths.PrometheusFixtures).Order(StringComparer.Ordinal))
        {
            foreach (var scenario in Directory.EnumerateDirectories(probe).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(probe), Path.GetFileName(scenario));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public async Task Probe_reaches_the_outcome_its_fixture_folder_names(string probeCode, string scenario)
    {
        var probe = ProbeCatalog.Find(probeCode);
        Assert.NotNull(probe);
        var answers = FixtureStore.Load(Path.Combine(Paths.PrometheusFixtures, probeCode, scenario));
        var settings = answers.Keys.Any(k => k.StartsWith("ANON ", StringComparison.Ordinal))
            ? new ClientSettings { Authorization = "Basic Zml4dHVyZTpmaXh0dXJl" }
            : new ClientSettings();
        var stub = new StubHandler(answers);
        var target = Path.Combine(Paths.PrometheusFixtures, probeCode, scenario, "_target");
        var baseUri = new Uri(File.Exists(target) ? File.ReadAllText(target).Trim() : "http://prometheus.test:9090/");
        using var client = new PrometheusClient(baseUri, stub, settings);

        var report = await Auditor.RunAsync(client, new AuditOptions { Probes = [probe] }, TimeProvider.System, CancellationToken.None);

        var expected = Enum.Parse<ProbeOutcome>(scenario.Split('.')[0], ignoreCase: true);
        var finding = Assert.Single(report.Findings);
        Assert.True(expected == finding.Outcome, $"{probeCode}/{scenario}: expected {expected}, got {finding.Outcome}: {finding.Summary}");
        Assert.All(report.Requests, r => Assert.NotEqual(FailureKind.Refused, r.Failure));
    }

    [Fact]
    public void Every_probe_has_an_exposed_fixture_and_a_clear_or_inconclusive_one()
    {
        foreach (var probe in ProbeCatalog.BuiltIn)
        {
            var dir = Path.Combine(Paths.PrometheusFixtures, probe.Id.Code);
            Assert.True(Directory.Exists(dir), $"no fixtures for {probe.Id.Code}");
            var outcomes = Directory.EnumerateDirectories(dir).Select(d => Path.GetFileName(d).Split('.')[0]).ToHashSet();
            Assert.Contains("exposed", outcomes);
            Assert.True(outcomes.Contains("clear") || outcomes.Contains("inconclusive"), $"{probe.Id.Code} has only exposed fixtures");
        }
    }

    [Fact]
    public void Every_fixture_folder_belongs_to_a_probe_and_names_an_outcome()
    {
        foreach (var (probe, scenario) in Folders().Select(row => ((string)row[0], (string)row[1])))
        {
            Assert.NotNull(ProbeCatalog.Find(probe));
            Assert.True(Enum.TryParse<ProbeOutcome>(scenario.Split('.')[0], ignoreCase: true, out _), $"{probe}/{scenario} does not start with an outcome");
        }
    }
}
