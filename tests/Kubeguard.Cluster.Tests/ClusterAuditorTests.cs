using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Tests;

/// <summary>
/// Audits and plans a recorded-style cluster served by a local API server on 127.0.0.1 (there is
/// no kube-apiserver here; the server speaks the Kubernetes wire format), read through the real
/// KubernetesClient with a kubeconfig in a temporary folder.
/// </summary>
public sealed class ClusterAuditorTests
{
    private static NamespaceReport Namespace(ClusterReport report, string name) => Assert.Single(report.Namespaces, n => n.Name == name);

    [Fact]
    public async Task Reads_every_namespace_with_its_pods_and_templates()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var report = await cluster.AuditAsync();

        Assert.Null(report.Failure);
        Assert.Equal(["bad-labels", "clean", "kube-system", "legacy", "locked", "prod", "team-b"], report.Namespaces.Select(n => n.Name));
        Assert.Equal(4, Namespace(report, "prod").Pods);
        Assert.Equal(2, Namespace(report, "prod").Templates);
        Assert.Equal("v1.36.0", report.ServerVersion);
    }

    [Fact]
    public async Task Running_pods_that_violate_the_enforce_level_are_reported_with_upstream_text()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var prod = Namespace(await cluster.AuditAsync(), "prod");

        var finding = Assert.Single(prod.Findings, f => f.Workload == new WorkloadRef("Pod", "debug-shell"));
        Assert.Equal(["enforce", "warn"], finding.Modes.ToArray());
        Assert.Equal(Subject.Pods, finding.Subject);
        Assert.Equal("would violate PodSecurity \"baseline:latest\": privileged (container \"agent\" must not set securityContext.privileged=true)", finding.Result.WarningMessage);
    }

    [Fact]
    public async Task A_deployment_whose_pods_the_enforce_level_rejects_is_reported_even_without_pods()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var locked = Namespace(await cluster.AuditAsync(), "locked");

        Assert.Equal(0, locked.Pods);
        var template = Assert.Single(locked.Findings, f => f.Subject == Subject.Template && f.Enforced);
        Assert.Equal(new WorkloadRef("Deployment", "payments"), template.Workload);
        Assert.Equal(
            "pods is forbidden: violates PodSecurity \"restricted:v1.30\": unrestricted capabilities (container \"worker\" must set securityContext.capabilities.drop=[\"ALL\"]), seccompProfile (pod or container \"worker\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            template.Result.DenialMessage(null));
    }

    [Fact]
    public async Task Pods_are_attributed_to_their_deployment_through_the_replica_set()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var prod = Namespace(await cluster.AuditAsync(), "prod");

        var api = Assert.Single(prod.Plan.Breaks.Single(b => b.Policy.Level == Level.Restricted).Workloads, w => w.Workload == new WorkloadRef("Deployment", "api"));
        Assert.Equal(2, api.Pods);
        Assert.Equal(1, api.Templates);
        Assert.Equal("api-6b7f9c8d4-2lmnp", api.Example);
    }

    [Fact]
    public async Task A_clean_namespace_plans_restricted_pinned_to_the_server_minor()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var clean = Namespace(await cluster.AuditAsync(), "clean");

        Assert.Equal("restricted:v1.36", clean.Plan.Strictest?.ToString());
        Assert.Empty(clean.Plan.Breaks);
        Assert.Equal(
            "kubectl label --overwrite namespace clean pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.36 pod-security.kubernetes.io/audit=restricted pod-security.kubernetes.io/audit-version=v1.36 pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/warn-version=v1.36",
            clean.Plan.Target!.KubectlCommand);
    }

    [Fact]
    public async Task A_namespace_with_a_privileged_pod_plans_privileged_and_lists_what_breaks_at_baseline()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var prod = Namespace(await cluster.AuditAsync(), "prod");

        Assert.Equal("privileged:v1.36", prod.Plan.Strictest?.ToString());
        Assert.Equal(["baseline:v1.36", "restricted:v1.36"], prod.Plan.Breaks.Select(b => b.Policy.ToString()));
        var baseline = Assert.Single(prod.Plan.Breaks[0].Workloads);
        Assert.Equal(new WorkloadRef("Pod", "debug-shell"), baseline.Workload);
        Assert.Equal("privileged", baseline.Reasons);
        Assert.Equal("baseline:v1.36", prod.Plan.Target!.WarnAndAudit.ToString());
    }

    [Fact]
    public async Task A_namespace_failing_only_newer_restricted_checks_plans_an_older_restricted_version()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var locked = Namespace(await cluster.AuditAsync(), "locked");

        // runAsNonRoot and allowPrivilegeEscalation are set; seccomp (v1.19) and drop ALL (v1.22) are not.
        Assert.Equal("restricted:v1.18", locked.Plan.Strictest?.ToString());
        var breaks = Assert.Single(locked.Plan.Breaks);
        Assert.Equal("restricted:v1.36", breaks.Policy.ToString());
        Assert.Equal("unrestricted capabilities, seccompProfile", Assert.Single(breaks.Workloads).Reasons);
    }

    [Fact]
    public async Task A_namespace_whose_pods_may_not_be_read_is_skipped_with_the_reason_and_never_planned()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Forbid("pods", "team-b");

        var teamB = Namespace(await cluster.AuditAsync(), "team-b");

        Assert.False(teamB.Complete);
        var skipped = Assert.Single(teamB.Skipped);
        Assert.Equal("pods", skipped.Resource);
        Assert.Contains("cannot list resource \"pods\" in API group \"\" in the namespace \"team-b\"", skipped.Reason, StringComparison.Ordinal);
        Assert.Null(teamB.Plan.Strictest);
        Assert.Null(teamB.Plan.Target);
    }

    [Fact]
    public async Task A_forbidden_cluster_wide_list_falls_back_to_each_namespace()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Forbid("pods");
        cluster.Server.Forbid("pods", "team-b");

        var report = await cluster.AuditAsync();

        Assert.Contains(report.Skipped, s => s.Resource == "pods" && s.Namespace is null && s.Reason.Contains("at the cluster scope", StringComparison.Ordinal));
        Assert.Equal(4, Namespace(report, "prod").Pods);
        Assert.True(Namespace(report, "prod").Complete);
        Assert.False(Namespace(report, "team-b").Complete);
        Assert.Contains(cluster.Server.Requests, r => r.StartsWith("GET /api/v1/namespaces/prod/pods?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lists_are_read_in_pages_with_limit_and_continue()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var report = await cluster.AuditAsync(pageSize: 3);

        Assert.Equal(12, report.Namespaces.Sum(n => n.Pods));
        var podRequests = cluster.Server.Requests.Where(r => r.StartsWith("GET /api/v1/pods?", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, podRequests.Count);
        Assert.All(podRequests, r => Assert.Contains("limit=3", r, StringComparison.Ordinal));
        Assert.Equal(3, podRequests.Count(r => r.Contains("continue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_expired_continue_token_restarts_the_list_without_counting_twice()
    {
        await using var cluster = await LocalCluster.StartAsync();
        var expected = await cluster.AuditAsync(pageSize: 2);

        cluster.Server.ExpireNextContinueTokens(2);
        var restarted = await cluster.AuditAsync(pageSize: 2);

        Assert.Equal(2, restarted.Restarts);
        Assert.Equal(expected.Namespaces.Select(n => (n.Name, n.Pods, n.Templates, n.Findings.Sum(f => f.Count))),
            restarted.Namespaces.Select(n => (n.Name, n.Pods, n.Templates, n.Findings.Sum(f => f.Count))));
        Assert.Equal(expected.Objects, restarted.Objects);
    }

    [Fact]
    public async Task Rejected_credentials_stop_the_read_with_a_clear_message()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Token = "rotated";

        var report = await cluster.AuditAsync();

        Assert.Equal(FailureKind.Unauthorized, report.Failure?.Kind);
        Assert.Contains("401 Unauthorized", report.Failure!.Message, StringComparison.Ordinal);
        Assert.Contains("expired", report.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(report.Namespaces);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_clear_error()
    {
        var cluster = await LocalCluster.StartAsync();
        var kubeconfig = File.ReadAllText(cluster.Kubeconfig);
        await cluster.Server.DisposeAsync();
        var directory = Directory.CreateTempSubdirectory("kubeguard-unreachable-").FullName;
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, kubeconfig);
        try
        {
            var (client, server, _) = ClusterConnection.Create(new ConnectionOptions(path));
            using (client)
            {
                var report = await new ClusterAuditor(client!, server, AuditRequest.AllNamespaces).RunAsync();

                Assert.Equal(FailureKind.Unreachable, report.Failure?.Kind);
                Assert.StartsWith("cannot reach the API server at http://127.0.0.1:", report.Failure!.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            Directory.Delete(cluster.Directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_server_slower_than_the_request_timeout_is_a_timeout()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Delay = TimeSpan.FromSeconds(5);

        var report = await cluster.AuditAsync(options: new ConnectionOptions(cluster.Kubeconfig) { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(FailureKind.Timeout, report.Failure?.Kind);
    }

    [Fact]
    public async Task A_slow_server_within_the_timeout_is_read_completely()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Delay = TimeSpan.FromMilliseconds(20);

        var report = await cluster.AuditAsync(pageSize: 4);

        Assert.Null(report.Failure);
        Assert.Equal(12, report.Namespaces.Sum(n => n.Pods));
    }

    [Fact]
    public async Task A_missing_context_is_a_configuration_error()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var (client, _, failure) = ClusterConnection.Create(new ConnectionOptions(cluster.Kubeconfig, "no-such-context"));

        Assert.Null(client);
        Assert.Equal(FailureKind.Configuration, failure?.Kind);
        Assert.Contains("no-such-context", failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exempt_namespace_is_marked_and_not_audited_but_still_planned()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var system = Namespace(await cluster.AuditAsync(), "kube-system");

        Assert.True(system.Exempt);
        Assert.Empty(system.Findings);
        Assert.Equal("privileged:v1.36", system.Plan.Strictest?.ToString());
    }

    [Fact]
    public async Task Pods_of_an_exempt_runtime_class_are_not_evaluated()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var bad = Namespace(await cluster.AuditAsync(), "bad-labels");

        Assert.Equal(2, bad.Pods);
        Assert.Equal(1, bad.ExemptObjects);
        Assert.Equal("restricted:v1.36", bad.Plan.Strictest?.ToString());
    }

    [Fact]
    public async Task An_invalid_enforce_label_fails_closed_to_restricted_with_the_upstream_error()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var bad = Namespace(await cluster.AuditAsync(), "bad-labels");

        Assert.Equal("restricted:latest", bad.Policy.Enforce.ToString());
        Assert.Equal("metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": must be one of privileged, baseline, restricted", Assert.Single(bad.LabelErrors));
    }

    [Fact]
    public async Task A_label_selector_reads_only_matching_objects_and_withholds_the_plan()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var report = await cluster.AuditAsync(AuditRequest.AllNamespaces with { LabelSelector = "app=api" });

        var prod = Namespace(report, "prod");
        Assert.Equal(2, prod.Pods);
        Assert.Null(prod.Plan.Strictest);
        Assert.Contains(cluster.Server.Requests, r => r.Contains("labelSelector=app%3Dapi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Named_namespaces_are_read_one_by_one()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var report = await cluster.AuditAsync(AuditRequest.AllNamespaces with { Namespaces = ["legacy", "missing"] });

        Assert.Equal(["legacy", "missing"], report.Namespaces.Select(n => n.Name));
        Assert.Equal(2, Namespace(report, "legacy").Pods);
        Assert.Contains("namespaces \"missing\" not found", Namespace(report, "missing").Skipped[0].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.StartsWith("GET /api/v1/pods", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pods_record_the_pod_security_policy_that_admitted_them()
    {
        await using var cluster = await LocalCluster.StartAsync();

        var prod = Namespace(await cluster.AuditAsync(), "prod");

        Assert.Equal(2, prod.PodSecurityPolicies["restricted-psp"]);
    }

    [Fact]
    public async Task Forbidden_namespace_listing_asks_for_named_namespaces()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.Forbid("namespaces");

        var report = await cluster.AuditAsync();

        Assert.Equal(FailureKind.Forbidden, report.Failure?.Kind);
        Assert.EndsWith("name the namespaces to audit with --namespace", report.Failure!.Message, StringComparison.Ordinal);
    }
}
