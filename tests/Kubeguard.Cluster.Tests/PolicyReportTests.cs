using Kubeguard.Cluster.Output;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Tests;

/// <summary>PolicyReports written from a cluster served by the local API server, validated against the wg-policy CRD.</summary>
public sealed class PolicyReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 1, 0, 0, TimeSpan.Zero);
    private static readonly CrdSchema Schema = CrdSchema.Load("policyreport/wgpolicyk8s.io-v1alpha2/wgpolicyk8s.io_policyreports.yaml", "v1alpha2");

    [Fact]
    public async Task Every_namespace_gets_one_report_that_the_v1alpha2_schema_accepts()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Forbid("pods", "team-b");
        var report = await cluster.AuditAsync();

        var reports = PolicyReports.For(report, Now).ToList();

        Assert.Equal(report.Namespaces.Length, reports.Count);
        foreach (var policyReport in reports)
        {
            Assert.Empty(Schema.Validate(policyReport));
            Assert.Equal("wgpolicyk8s.io/v1alpha2", policyReport["apiVersion"]!.GetValue<string>());
            Assert.Equal(Schema.Kind, policyReport["kind"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(policyReport["metadata"]!["namespace"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void The_schema_check_rejects_an_unknown_result_value()
    {
        var report = PolicyReports.For(Namespace("prod", findings: 1), Now);
        report["results"]![0]!["result"] = "failed";

        Assert.Contains(Schema.Validate(report), e => e.Contains("\"failed\" is not one of", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_check_rejects_fields_the_crd_does_not_declare()
    {
        var report = PolicyReports.For(Namespace("prod", findings: 1), Now);
        report["results"]![0]!["pods"] = 3;

        Assert.Contains(Schema.Validate(report), e => e.Contains("field \"pods\" is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_stays_bounded_however_many_workloads_fail()
    {
        var report = PolicyReports.For(Namespace("busy", findings: 5000), Now);

        var results = report["results"]!.AsArray();
        Assert.Equal(PolicyReports.MaxResults, results.Count);
        Assert.Equal("4901 more failing objects are not listed in this report", results[^1]!["message"]!.GetValue<string>());
        Assert.Equal(100, report["summary"]!["fail"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failing_pods_of_one_workload_are_one_result_with_a_count()
    {
        await using var cluster = await LocalCluster.StartAsync();
        var report = await cluster.AuditAsync();

        var locked = PolicyReports.For(report.Namespaces.Single(n => n.Name == "locked"), Now);

        var result = Assert.Single(locked["results"]!.AsArray(), r => r!["properties"]?["subject"]?.GetValue<string>() == "template" && r["properties"]!["modes"]!.GetValue<string>() == "enforce")!;
        Assert.Equal("fail", result["result"]!.GetValue<string>());
        Assert.Equal("Deployment", result["resources"]![0]!["kind"]!.GetValue<string>());
        Assert.StartsWith("would violate PodSecurity \"restricted:v1.30\": ", result["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_are_written_as_yaml_documents()
    {
        var writer = new StringWriter();

        YamlText.Write([PolicyReports.For(Namespace("a", 0), Now), PolicyReports.For(Namespace("b", 0), Now)], writer);

        var text = writer.ToString();
        Assert.Contains("apiVersion: \"wgpolicyk8s.io/v1alpha2\"", text, StringComparison.Ordinal);
        Assert.Contains("namespace: \"b\"", text, StringComparison.Ordinal);
        Assert.Contains("seconds: 1795741200", text, StringComparison.Ordinal);
    }

    private static NamespaceReport Namespace(string name, int findings)
    {
        var policy = Admission.NamespacePolicy.Resolve(new Dictionary<string, string> { ["pod-security.kubernetes.io/enforce"] = "restricted" }, Admission.NamespacePolicy.Privileged).Policy;
        var pod = new k8s.Models.V1PodSpec { Containers = [new k8s.Models.V1Container { Name = "app", Image = "app" }] };
        var result = Kubeguard.Policy.PolicyEvaluator.Default.Evaluate(policy.Enforce, null, pod);
        return new NamespaceReport(name, System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, policy, [], false, findings, 0, 0, [],
            [.. Enumerable.Range(0, findings).Select(i => new AuditFinding(new WorkloadRef("Pod", $"pod-{i:D5}"), Subject.Pods, ["enforce", "warn"], result, 1, $"pod-{i:D5}"))],
            0, new NamespacePlan(null, [], null), System.Collections.Immutable.ImmutableSortedDictionary<string, int>.Empty);
    }
}
