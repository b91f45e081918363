using Kubeguard.Checks.Exemptions;
using Kubeguard.Reporting;
using Kubeguard.Scanning;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Checks.Tests;

/// <summary>The checks' findings in a scan report, beside the Pod Security ones, in every output format.</summary>
public sealed class BeyondPodSecurityReportTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          type: LoadBalancer
          selector:
            app: web
          externalIPs:
            - 203.0.113.10
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              automountServiceAccountToken: false
              serviceAccountName: web
              containers:
                - name: web
                  image: ghcr.io/acme/web:1.0
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: deny
          namespace: shop
        spec:
          podSelector: {}
        """;

    private static readonly Report Empty = new(ToolInfo.Kubeguard, [], [], []);

    private static Report Scan(BeyondPodSecurityOptions options) =>
        BeyondPodSecurity.AddTo(Empty, new ManifestLoader().LoadText(Manifest, "shop.yaml"), options);

    [Fact]
    public void Findings_become_failing_targets_with_the_exact_line_of_the_offending_field()
    {
        var report = Scan(BeyondPodSecurityOptions.Default);

        var findings = report.Findings.Select(x => (x.Finding.RuleId, x.Finding.Location!.Line, x.Finding.Location.JsonPath, x.Finding.Severity)).ToList();
        Assert.Equal(
            [
                ("service-exposed-outside-cluster", 7, "spec.type", Reporting.Severity.Medium),
                ("service-external-ips", 10, "spec.externalIPs", Reporting.Severity.High),
                ("image-not-pinned-by-digest", 29, "spec.template.spec.containers[0].image", Reporting.Severity.Low),
            ],
            findings);
        Assert.Equal(["Service shop/web [checks]", "Deployment shop/web [checks]"], report.Targets.Select(t => t.Name));
        Assert.False(report.AllPassed);
        Assert.Contains(report.Rules, r => r.Id == "rbac-wildcard" && r.Tags.Contains("beyond-pss"));
    }

    [Theory]
    [InlineData(ReportFormat.Table)]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Sarif)]
    [InlineData(ReportFormat.Junit)]
    public void Every_output_format_carries_the_findings_and_their_severities(ReportFormat format)
    {
        var report = Scan(BeyondPodSecurityOptions.Default);
        var output = new StringWriter();

        ReportWriters.For(format).Write(report, output);

        var text = output.ToString();
        Assert.Contains("service-external-ips", text, StringComparison.Ordinal);
        Assert.Contains("203.0.113.10", text, StringComparison.Ordinal);
        Assert.Contains("image-not-pinned-by-digest", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_off_a_family_or_all_checks_leaves_the_report_as_it_was()
    {
        var off = Scan(BeyondPodSecurityOptions.Default with { Enabled = false });
        var rbacOnly = Scan(BeyondPodSecurityOptions.Default with { Checks = CheckOptions.Default with { Families = [CheckFamily.Rbac] } });

        Assert.Same(Empty, off);
        Assert.Empty(rbacOnly.Targets);
        Assert.Equal("rbac", rbacOnly.Properties["checks"]);
        Assert.DoesNotContain(rbacOnly.Rules, r => r.Id == "image-mutable-tag");
    }

    [Fact]
    public void Severity_overrides_from_the_command_line_apply_to_the_checks()
    {
        Assert.True(SeverityOverrides.TryParse(["service-external-ips=critical"], out var overrides, out _));

        var report = Scan(BeyondPodSecurityOptions.Default with { Severities = overrides });

        Assert.Equal(Reporting.Severity.Critical, report.Findings.Single(x => x.Finding.RuleId == "service-external-ips").Finding.Severity);
        Assert.Equal(Reporting.Severity.Critical, report.FindRule("service-external-ips")!.DefaultSeverity);
    }

    [Fact]
    public void Exemptions_silence_findings_expired_ones_are_findings_and_invalid_ones_are_input_errors()
    {
        var set = ExemptionsFile.Parse("""
            apiVersion: kubeguard.io/v1alpha1
            kind: Exemptions
            exemptions:
              - check: service-external-ips
                name: web
                reason: legacy VIP, migration in OPS-7
                owner: netops
                expires: 2027-01-31
              - check: image-not-pinned-by-digest
                container: web
                reason: was temporary
                owner: team-web
                expires: 2026-10-01
              - check: service-exposed-outside-cluster
                reason: no key
                owner: netops
                expires: 2027-01-31
            """, "exemptions.yaml");

        var report = Scan(BeyondPodSecurityOptions.Default with { Exemptions = set, ExemptionsFile = "exemptions.yaml", Today = new DateOnly(2026, 11, 27) });

        Assert.DoesNotContain(report.Findings, x => x.Finding.RuleId == "service-external-ips");
        Assert.Contains(report.Findings, x => x.Finding.RuleId == "image-not-pinned-by-digest");
        var expired = Assert.Single(report.Findings, x => x.Finding.RuleId == BeyondPodSecurity.ExpiredExemptionRule).Finding;
        Assert.Equal("exemption for \"image-not-pinned-by-digest\" (exemptions.yaml:9, owner team-web) expired on 2026-10-01; it no longer applies", expired.Message);
        var error = Assert.Single(report.Errors);
        Assert.StartsWith("set at least one of namespace", error.Message, StringComparison.Ordinal);
        Assert.Equal([("exempted", 1), ("expiredExemptions", 1)], report.Counters.Select(c => (c.Key, c.Value)));
    }
}
