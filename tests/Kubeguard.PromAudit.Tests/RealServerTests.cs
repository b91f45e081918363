using Kubeguard.PromAudit.Tests.Lab;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit.Tests;

/// <summary>Exact findings on the two real Prometheus servers of the lab.</summary>
[Collection(PrometheusLabGroup.Name)]
public sealed class RealServerTests(PrometheusLab lab)
{
    private static readonly Dictionary<string, Severity> ExposedServer = new()
    {
        ["PROM-001"] = Severity.High,
        ["PROM-002"] = Severity.Medium,
        ["PROM-003"] = Severity.Medium,
        ["PROM-004"] = Severity.High,
        ["PROM-005"] = Severity.Info,
        ["PROM-010"] = Severity.Medium,
        ["PROM-011"] = Severity.Critical,
        ["PROM-012"] = Severity.Critical,
        ["PROM-013"] = Severity.High,
        ["PROM-014"] = Severity.Low,
        ["PROM-015"] = Severity.Medium,
        ["PROM-016"] = Severity.Medium,
        ["PROM-020"] = Severity.Critical,
        ["PROM-021"] = Severity.High,
        ["PROM-022"] = Severity.Critical,
        ["PROM-023"] = Severity.Medium,
        ["PROM-024"] = Severity.Medium,
        ["PROM-025"] = Severity.High,
        ["PROM-026"] = Severity.Low,
        ["PROM-030"] = Severity.Info,
        ["K8S-100"] = Severity.Info,
        ["K8S-101"] = Severity.High,
        ["K8S-102"] = Severity.Medium,
        ["K8S-103"] = Severity.Low,
        ["K8S-104"] = Severity.Medium,
        ["K8S-105"] = Severity.High,
        ["K8S-106"] = Severity.High,
        ["K8S-107"] = Severity.Medium,
        ["K8S-108"] = Severity.Critical,
        ["K8S-109"] = Severity.Medium,
        ["K8S-110"] = Severity.High,
        ["K8S-111"] = Severity.Low,
        ["K8S-112"] = Severity.High,
    };

    private static readonly Dictionary<string, Severity> HardenedServerWithCredentials = new()
    {
        ["PROM-002"] = Severity.High,
        ["PROM-004"] = Severity.High,
        ["PROM-005"] = Severity.Info,
        ["PROM-010"] = Severity.Medium,
        ["PROM-014"] = Severity.Low,
        ["PROM-023"] = Severity.Medium,
        ["PROM-024"] = Severity.Medium,
        ["PROM-025"] = Severity.High,
        ["PROM-030"] = Severity.Info,
    };

    /// <summary>Values planted in the lab that must never appear in any report.</summary>
    public static TheoryData<string> PlantedSecrets => new()
    {
        "PARAM-SECRET-123", "AKIAIOSFODNN7LABKEY1", "URL-SECRET-789", "tenant-HEADER-VALUE", "S3cr3t-Pa55w0rd",
        "lab-db-password", "Zx81kQ0pLmN2", "tok-4f9a", "hdr-key-0042", "scrape-password", PrometheusLab.Password,
    };

    [Fact]
    public void The_exposed_server_shows_every_probe_exposed_with_the_expected_severity()
    {
        Assert.Equal("", lab.ExposedReport.Blocker);
        var actual = lab.ExposedReport.Findings.ToDictionary(f => f.Id.Code, f => (f.Outcome, f.Severity));
        Assert.Equal(ExposedServer.OrderBy(p => p.Key).Select(p => $"{p.Key} Exposed {p.Value}"),
            actual.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value.Outcome} {p.Value.Severity}"));
    }

    [Fact]
    public void The_hardened_server_with_credentials_shows_only_what_authenticated_users_can_read()
    {
        var actual = lab.HardenedAuthenticatedReport.Findings
            .Select(f => f.Outcome == ProbeOutcome.Exposed ? $"{f.Id.Code} Exposed {f.Severity}" : $"{f.Id.Code} {f.Outcome}")
            .Order(StringComparer.Ordinal);
        var expected = ProbeCatalog.BuiltIn
            .Select(p => HardenedServerWithCredentials.TryGetValue(p.Id.Code, out var s) ? $"{p.Id.Code} Exposed {s}" : $"{p.Id.Code} Clear")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_hardened_server_without_credentials_rejects_everything_and_the_audit_says_why()
    {
        var report = lab.HardenedAnonymousReport;
        Assert.StartsWith("401 Unauthorized", report.Blocker, StringComparison.Ordinal);
        Assert.Equal(ProbeOutcome.Clear, report.Findings.Single(f => f.Id.Code == "PROM-001").Outcome);
        Assert.Equal(ProbeOutcome.Exposed, report.Findings.Single(f => f.Id.Code == "PROM-002").Outcome);
        Assert.All(report.Findings.Where(f => f.Id.Code is not ("PROM-001" or "PROM-002")), f =>
        {
            Assert.Equal(ProbeOutcome.Inconclusive, f.Outcome);
            Assert.Contains("401", f.Summary, StringComparison.Ordinal);
        });
        Assert.Single(report.Requests);
    }

    [Theory]
    [MemberData(nameof(PlantedSecrets))]
    public void No_report_contains_a_planted_secret_value(string secret)
    {
        foreach (var report in new[] { lab.ExposedReport, lab.HardenedAuthenticatedReport, lab.HardenedAnonymousReport })
        {
            var text = string.Join("\n", report.Findings.SelectMany(f => f.Evidence.Append(f.Summary))) + report.Target + report.Blocker;
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secrets_are_reported_by_location_kind_length_and_fingerprint()
    {
        var evidence = lab.ExposedReport.Findings.Single(f => f.Id.Code == "PROM-011").Evidence;
        Assert.Contains(evidence, e => e.StartsWith("config scrape_configs[2].params.access_key[0]: aws-access-key, length 20, fingerprint ", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith("config scrape_configs[2].params.apikey[0]: named-secret, length 16, fingerprint ", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith("config remote_write[0].headers.X-Api-Key: named-secret, length 12, fingerprint ", StringComparison.Ordinal));
        Assert.DoesNotContain(evidence, e => e.Contains("X-Scope-OrgID", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_probe_flags_the_moved_tag_the_floating_tags_and_the_exploitable_ingress_controller()
    {
        var evidence = lab.ExposedReport.Findings.Single(f => f.Id.Code == "K8S-106").Evidence;
        Assert.Contains(evidence, e => e.StartsWith("nginx:1.25: moved-tag: the same reference runs as 2 different digests", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith("busybox: floating-tag: no tag (implicit latest)", StringComparison.Ordinal));
        Assert.Contains(evidence, e => e.StartsWith("registry.k8s.io/ingress-nginx/controller:v1.11.2: known-exploitable: version 1.11.2 matches CVE-2025-1974", StringComparison.Ordinal));
        Assert.DoesNotContain(evidence, e => e.StartsWith("grafana/grafana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redact_infra_replaces_addresses_and_host_names_consistently()
    {
        var report = await Audit.RunAsync(lab.ExposedUri, options: new AuditOptions { RedactInfrastructure = true, Probes = [ProbeCatalog.Find("K8S-104")!, ProbeCatalog.Find("K8S-105")!] });
        var text = string.Join("\n", report.Findings.SelectMany(f => f.Evidence)) + report.Target;
        foreach (var identifier in new[] { "10.0.1.11", "10.96.0.200", "203.0.113.10", "127.0.0.1", "blog.example.com", "a1b2c3.elb.eu-west-1.example.com" })
        {
            Assert.DoesNotContain(identifier, text, StringComparison.Ordinal);
        }

        Assert.StartsWith("http://ip-", report.Target, StringComparison.Ordinal);
        Assert.Contains("ingress legacy/blog: host-", text, StringComparison.Ordinal);
    }
}
