using System.Reflection;
using Kubeguard.PromAudit.Probes;
using Kubeguard.PromAudit.Tests.Lab;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit.Tests;

public sealed class CatalogTests
{
    [Fact]
    public void Probe_ids_and_names_are_unique_and_well_formed()
    {
        var ids = ProbeCatalog.BuiltIn.Select(p => p.Id).ToList();
        Assert.Equal(ids.Count, ids.Select(i => i.Code).Distinct().Count());
        Assert.Equal(ids.Count, ids.Select(i => i.Name).Distinct().Count());
        Assert.All(ids, i => Assert.Matches(@"^(PROM-0\d\d|K8S-1\d\d)$", i.Code));
        Assert.All(ids, i => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", i.Name));
    }

    [Fact]
    public void The_catalogue_covers_every_documented_check()
    {
        string[] documented =
        [
            "PROM-001", "PROM-002", "PROM-003", "PROM-004", "PROM-005", "PROM-010", "PROM-011", "PROM-012", "PROM-013", "PROM-014",
            "PROM-015", "PROM-016", "PROM-020", "PROM-021", "PROM-022", "PROM-023", "PROM-024", "PROM-025", "PROM-026", "PROM-030",
            "K8S-100", "K8S-101", "K8S-102", "K8S-103", "K8S-104", "K8S-105", "K8S-106", "K8S-107", "K8S-108", "K8S-109",
            "K8S-110", "K8S-111", "K8S-112",
        ];
        Assert.Equal(documented.Order(StringComparer.Ordinal), ProbeCatalog.BuiltIn.Select(p => p.Id.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_probe_class_is_in_the_catalogue()
    {
        var classes = typeof(ProbeCatalog).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(AdminApiEnabled).Namespace && t.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static) is not null)
            .Select(t => (Probe)t.GetProperty("Definition")!.GetValue(null)!)
            .Select(p => p.Id.Code).Order(StringComparer.Ordinal);
        Assert.Equal(classes, ProbeCatalog.BuiltIn.Select(p => p.Id.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_probe_has_a_title_and_a_remediation_sentence()
    {
        Assert.All(ProbeCatalog.BuiltIn, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.EndsWith(".", p.Remediation, StringComparison.Ordinal);
            Assert.True(p.Remediation.Length > 30, p.Id.Code);
        });
    }

    [Fact]
    public void Every_probe_has_a_configured_severity() =>
        Assert.All(ProbeCatalog.BuiltIn, p => Assert.True(SeverityPolicy.BuiltIn.Knows(p.Id), p.Id.Code));

    [Fact]
    public void A_severity_file_overrides_the_built_in_levels()
    {
        using var json = new MemoryStream("{\"PROM-024\":{\"default\":\"Critical\"}}"u8.ToArray());
        var policy = SeverityPolicy.Load(json, SeverityPolicy.BuiltIn);
        Assert.Equal(Severity.Critical, policy.For(ProbeCatalog.Find("PROM-024")!.Id, false));
        Assert.Equal(Severity.Critical, policy.For(ProbeCatalog.Find("PROM-020")!.Id, true));
    }

    [Fact]
    public void A_severity_file_with_an_unknown_level_is_rejected_with_its_probe_named()
    {
        using var json = new MemoryStream("{\"PROM-024\":{\"default\":\"Severe\"}}"u8.ToArray());
        var error = Assert.Throws<InvalidDataException>(() => SeverityPolicy.Load(json));
        Assert.Contains("PROM-024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_files_are_named_after_their_class()
    {
        var dir = Path.Combine(Paths.FixturesRoot, "..", "..", "src", "Kubeguard.PromAudit", "Probes");
        var files = Directory.EnumerateFiles(dir, "*.cs").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (var type in typeof(ProbeCatalog).Assembly.GetTypes().Where(t => t.Namespace == typeof(AdminApiEnabled).Namespace && !t.IsNested && !t.Name.StartsWith('<')))
        {
            Assert.Contains(type.Name, files);
        }
    }
}

public sealed class ProbeDocsTests
{
    [Fact]
    public void The_generated_probe_reference_is_fresh() =>
        Kubeguard.Testing.Golden.AssertFileMatches(
            Path.Combine(Kubeguard.Testing.Fixtures.RepositoryRoot, "docs", "prometheus-probes.md"),
            ProbeCatalogDocs.Markdown(SeverityPolicy.BuiltIn));
}
