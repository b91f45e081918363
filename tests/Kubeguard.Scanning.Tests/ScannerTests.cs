using Kubeguard.Policy;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class ScannerTests
{
    private const string InsecureDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx
                securityContext:
                  runAsNonRoot: true
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop: [ALL]
                  seccompProfile:
                    type: RuntimeDefault
              - name: sidecar
                image: envoy
                securityContext:
                  privileged: true
        """;

    private static Report Scan(string yaml, ScanOptions? options = null) =>
        Scanner.Scan(new ManifestLoader().LoadText(yaml, "input.yaml"), options);

    [Fact]
    public void A_violation_points_at_the_offending_field_and_its_line()
    {
        var target = Assert.Single(Scan(InsecureDeployment, new ScanOptions { Policy = new LevelVersion(Level.Baseline, PolicyVersion.Latest) }).Targets);
        var finding = Assert.Single(target.Findings);
        Assert.Equal("privileged", finding.RuleId);
        Assert.Equal("spec.template.spec.containers[1].securityContext.privileged", finding.Location!.JsonPath);
        Assert.Equal((22, 11), (finding.Location.Line, finding.Location.Column));
        Assert.Equal(("input.yaml", 0), (finding.Location.File, finding.Location.DocumentIndex));
        Assert.Equal(Severity.Critical, finding.Severity);
        Assert.EndsWith(".", finding.Remediation, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdicts_and_texts_are_the_shared_evaluators_exactly()
    {
        var report = Scan(InsecureDeployment);
        var target = Assert.Single(report.Targets);
        var deployment = (k8s.Models.V1Deployment)new ManifestLoader().LoadText(InsecureDeployment, "x.yaml").Documents[0].CreateModel()!;
        var expected = PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Restricted, PolicyVersion.Latest), deployment.Spec.Template.Metadata, deployment.Spec.Template.Spec);
        Assert.False(target.Passed);
        Assert.Equal(expected.WarningMessage, target.Message);
        Assert.StartsWith("would violate PodSecurity \"restricted:latest\": ", target.Message, StringComparison.Ordinal);
        Assert.Equal(expected.Violations.Select(v => (v.CheckId, v.Reason, v.Detail)), target.Findings.Select(f => (f.RuleId, f.Title, f.Message)));
    }

    [Fact]
    public void A_pod_carries_the_enforce_message()
    {
        var target = Assert.Single(Scan("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: b\n").Targets);
        Assert.StartsWith("violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false", target.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_server_defaulting_applies_host_ports_to_pods_but_not_to_templates()
    {
        const string Spec = "  hostNetwork: true\n  containers:\n  - name: a\n    image: b\n    ports:\n    - containerPort: 8080\n";
        var pod = Assert.Single(Scan("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + Spec, new ScanOptions { Policy = new LevelVersion(Level.Baseline, PolicyVersion.Latest) }).Targets);
        Assert.Equal(["hostNamespaces", "hostPorts"], pod.Findings.Select(f => f.RuleId));
        Assert.Equal("spec.containers[0].ports[0].hostPort", pod.Findings[1].Location!.JsonPath);
        Assert.Equal(11, pod.Findings[1].Location!.Line);

        var template = Assert.Single(Scan("apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: t\ntemplate:\n spec:\n" + Spec.Replace("\n  ", "\n   ", StringComparison.Ordinal).Insert(0, " "), new ScanOptions { Policy = new LevelVersion(Level.Baseline, PolicyVersion.Latest) }).Targets);
        Assert.Equal(["hostNamespaces"], template.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Privileged_level_allows_everything()
    {
        var report = Scan(InsecureDeployment, new ScanOptions { Policy = new LevelVersion(Level.Privileged, PolicyVersion.Latest) });
        Assert.True(report.AllPassed);
        Assert.Equal(string.Empty, report.Targets[0].Message);
    }

    [Fact]
    public void Objects_without_a_pod_are_read_but_not_judged()
    {
        var report = Scan("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        Assert.Empty(report.Targets);
        Assert.Empty(report.Errors);
        Assert.Contains(KeyValuePair.Create("objects", 2), report.Counters);
    }

    [Fact]
    public void Input_errors_are_carried_into_the_report_with_their_location()
    {
        var report = Scan("apiVersion: v1\nkind: Pod\nmetadata: {name: [\n");
        var error = Assert.Single(report.Errors);
        Assert.Equal("input.yaml", error.Location.File);
        Assert.NotNull(error.Location.Line);
    }

    [Fact]
    public void Severity_overrides_apply_to_findings_and_rules()
    {
        Assert.True(SeverityOverrides.TryParse(["privileged=low"], out var overrides, out _));
        var report = Scan(InsecureDeployment, new ScanOptions { Severities = overrides });
        Assert.Equal(Severity.Low, report.Targets[0].Findings.Single(f => f.RuleId == "privileged").Severity);
        Assert.Equal(Severity.Low, report.FindRule("privileged")!.DefaultSeverity);
    }

    [Fact]
    public void A_kubernetes_version_cap_evaluates_latest_as_that_minor()
    {
        var report = Scan(InsecureDeployment, new ScanOptions { Evaluator = PolicyEvaluator.ForKubernetesMinor(30) });
        Assert.Equal("v1.30", report.Properties["evaluatedVersion"]);
        Assert.Equal("latest", report.Targets[0].Properties["version"]);
    }

    [Fact]
    public void Every_builtin_check_is_a_rule_with_help()
    {
        var rules = Scanner.Rules(ScanOptions.Default);
        Assert.Equal(CheckCatalog.BuiltIn.Select(c => c.Id), rules.Select(r => r.Id));
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Help)));
    }
}
