using Kubeguard.Checks;
using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Tests;

/// <summary>
/// The checks beyond Pod Security over a live cluster: the local API server on 127.0.0.1 (there is
/// no kube-apiserver here; it speaks the Kubernetes wire format) serves
/// <c>tests/fixtures/cluster/beyond/</c>, read through the real KubernetesClient configuration.
/// </summary>
public sealed class BeyondPodSecurityTests
{
    private static AuditRequest WithChecks(CheckOptions? options = null) =>
        AuditRequest.AllNamespaces with { Checks = options ?? CheckOptions.Default };

    private static ClusterChecks Checks(ClusterReport report)
    {
        Assert.Null(report.Failure);
        return Assert.IsType<ClusterChecks>(report.Checks);
    }

    private static IEnumerable<string> Found(ClusterChecks checks, string id) =>
        checks.Findings.Where(f => f.CheckId == id).Select(f => f.Subject.ToString());

    [Fact]
    public async Task Services_network_policies_and_rbac_read_from_the_cluster_feed_the_cross_object_checks()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var checks = Checks(await cluster.AuditAsync(WithChecks()));

        Assert.Equal(["Service shop/web"], Found(checks, "service-exposed-outside-cluster"));
        Assert.Equal(["Service shop/legacy"], Found(checks, "service-external-ips"));
        Assert.Equal(["Namespace shop"], Found(checks, "namespace-without-default-deny"));
        Assert.Equal(["ClusterRoleBinding ci-admin"], Found(checks, "rbac-cluster-admin-service-account"));
        Assert.Equal(["RoleBinding shop/everyone-view"], Found(checks, "rbac-binding-to-everyone"));
        Assert.Equal(["Secret shop/web-token"], Found(checks, "legacy-service-account-token-secret"));
        Assert.Empty(checks.NotRead);
        // Findings come before exemptions; the subject's annotations travel with them for inline exemptions.
        Assert.StartsWith("reason=the shop front is public", checks.AnnotationsOf(new ObjectRef("Service", "shop", "web"))?["exempt.kubeguard.io/service-exposed-outside-cluster"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pods_a_controller_stands_for_are_judged_through_that_controller()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var checks = Checks(await cluster.AuditAsync(WithChecks()));

        // The web pod and its ReplicaSet repeat the Deployment's template: one finding, on the Deployment.
        Assert.Equal(["Deployment shop/web"], Found(checks, "image-mutable-tag"));
        Assert.DoesNotContain(checks.Findings, f => f.Subject.Kind is "ReplicaSet" or "Pod" && f.Subject.Namespace == "shop");
        Assert.Contains(checks.Findings, f => f.Subject == new ObjectRef("Deployment", "shop", "web") && f.CheckId == "service-account-token-automounted");
    }

    [Fact]
    public async Task Secrets_are_listed_only_of_the_service_account_token_type_and_their_data_is_never_kept()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var checks = Checks(await cluster.AuditAsync(WithChecks()));

        var secretLists = cluster.Server.Requests.Where(r => r.StartsWith("GET /api/v1/secrets", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(secretLists);
        Assert.All(secretLists, r => Assert.Contains("fieldSelector=type%3Dkubernetes.io%2Fservice-account-token", r, StringComparison.Ordinal));
        Assert.DoesNotContain(checks.Findings, f => f.Subject == new ObjectRef("Secret", "shop", "db"));
        Assert.DoesNotContain(checks.Annotations.Values.SelectMany(a => a.Values), v => v.Contains("ZXlK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pod_naming_a_runtime_class_is_judged_by_the_handler_the_cluster_resolves_it_to()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var checks = Checks(await cluster.AuditAsync(WithChecks()));

        // By name, kata-cc is the AKS confidential class; the cluster's RuntimeClass maps it to coco-dev.
        var finding = Assert.Single(checks.Findings, f => f.CheckId == "tee-001");
        Assert.Equal(new ObjectRef("Pod", "vault", "enclave"), finding.Subject);
        Assert.Contains("runtime class \"kata-cc\" handler \"kata-qemu-coco-dev\" (handler resolved from the RuntimeClass object) is the coco-dev class", finding.Message, StringComparison.Ordinal);
        Assert.Contains(checks.Findings, f => f.CheckId == "tee-011" && f.Subject == new ObjectRef("RuntimeClass", null, "kata-cc"));
    }

    [Fact]
    public async Task Without_the_runtime_class_the_tee_checks_say_they_could_not_run_instead_of_passing()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");
        cluster.Server.Forbid("runtimeclasses", "*");

        var checks = Checks(await cluster.AuditAsync(WithChecks()));

        Assert.DoesNotContain(checks.Findings, f => f.CheckId == "tee-001");
        var notRead = Assert.Single(checks.NotRead);
        Assert.Equal("runtimeclasses", notRead.Resource);
        Assert.Null(notRead.Namespace);
        Assert.Contains("cannot list resource \"runtimeclasses\"", notRead.Reason, StringComparison.Ordinal);
        Assert.Contains("tee-001", notRead.Checks);
        Assert.Contains("tee-011", notRead.Checks);
    }

    [Fact]
    public async Task A_forbidden_list_of_services_does_not_fail_the_audit_and_names_the_checks_left_incomplete()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");
        cluster.Server.Forbid("services", "shop");

        var report = await cluster.AuditAsync(WithChecks());

        var checks = Checks(report);
        Assert.Empty(Found(checks, "service-exposed-outside-cluster"));
        var notRead = Assert.Single(checks.NotRead);
        Assert.Equal(("services", "shop"), (notRead.Resource, notRead.Namespace));
        Assert.Equal(["service-exposed-outside-cluster", "service-external-ips", "monitoring-exposed", "tee-012"], notRead.Checks.ToArray());
        Assert.Contains("services in shop could not be read", notRead.Message, StringComparison.Ordinal);
        // The Pod Security audit is unaffected.
        Assert.Equal(["shop", "vault"], report.Namespaces.Select(n => n.Name));
    }

    [Fact]
    public async Task Only_the_kinds_the_chosen_families_read_are_listed()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var checks = Checks(await cluster.AuditAsync(WithChecks(CheckOptions.Default with { Families = [CheckFamily.Rbac] })));

        Assert.All(checks.Findings, f => Assert.Equal(CheckFamily.Rbac, f.Family));
        var listed = cluster.Server.Requests.Select(r => r.Split('?')[0]).ToHashSet();
        Assert.Contains("GET /apis/rbac.authorization.k8s.io/v1/clusterroles", listed);
        Assert.DoesNotContain("GET /api/v1/services", listed);
        Assert.DoesNotContain("GET /api/v1/secrets", listed);
    }

    [Fact]
    public async Task Without_checks_the_audit_reads_only_namespaces_workloads_and_pods()
    {
        await using var cluster = await LocalCluster.StartAsync("beyond");

        var report = await cluster.AuditAsync(AuditRequest.AllNamespaces);

        Assert.Null(report.Checks);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.Contains("/services", StringComparison.Ordinal) || r.Contains("/nodes", StringComparison.Ordinal));
    }
}
