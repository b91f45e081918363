using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Psp;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Tests;

/// <summary>PodSecurityPolicies mapped to Pod Security levels by judging the most permissive pod each admits.</summary>
public sealed class PodSecurityPolicyMigrationTests
{
    private static readonly PlanLadder Ladder = PlanLadder.Create(PolicyEvaluator.ForKubernetesMinor(36), PolicyVersion.Of(1, 36));

    private static List<PspAssessment> AssessFixture()
    {
        var (policies, errors) = PspSources.FromText(File.ReadAllText(Path.Combine(ClusterFixtures.Root, "psp", "podsecuritypolicies.json")), "podsecuritypolicies.json");
        Assert.Empty(errors);
        return [.. policies.Select(p => PodSecurityPolicyMigration.Assess(p, Ladder))];
    }

    [Fact]
    public void A_policy_that_forces_every_restricted_setting_is_restricted()
    {
        var hardened = AssessFixture().Single(a => a.Name == "hardened");

        Assert.Equal("restricted:v1.36", hardened.Equivalent.ToString());
        Assert.Empty(hardened.Stricter);
        Assert.Contains(hardened.Lost, l => l.StartsWith("readOnlyRootFilesystem:", StringComparison.Ordinal));
        Assert.Contains(hardened.Lost, l => l.StartsWith("requiredDropCapabilities:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_that_lets_pods_run_as_root_is_only_baseline_with_the_upstream_reasons()
    {
        var legacy = AssessFixture().Single(a => a.Name == "restricted-psp");

        Assert.Equal("baseline:v1.36", legacy.Equivalent.ToString());
        var restricted = Assert.Single(legacy.Stricter);
        Assert.Equal("restricted:v1.36", restricted.Policy.ToString());
        Assert.Equal("allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, runAsUser=0, seccompProfile", restricted.ForbiddenReason);
    }

    [Fact]
    public void A_policy_that_allows_everything_is_privileged()
    {
        var agents = AssessFixture().Single(a => a.Name == "node-agents");

        Assert.Equal(Level.Privileged, agents.Equivalent.Level);
        Assert.Equal(["baseline:v1.36", "restricted:v1.36"], agents.Stricter.Select(s => s.Policy.ToString()));
        Assert.Contains("privileged", agents.Stricter[0].ForbiddenReason, StringComparison.Ordinal);
        Assert.Contains("host namespaces", agents.Stricter[0].ForbiddenReason, StringComparison.Ordinal);
        Assert.Contains("hostPath volumes", agents.Stricter[0].ForbiddenReason, StringComparison.Ordinal);
        Assert.Contains(agents.Lost, l => l.StartsWith("hostPorts ranges:", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line_and_nothing_is_guessed()
    {
        var (policies, errors) = PspSources.FromText("kind: PodSecurityPolicy\nspec: [unclosed\n", "psp.yaml");

        Assert.Empty(policies);
        Assert.StartsWith("psp.yaml:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_are_read_from_an_older_cluster_with_the_namespaces_whose_pods_used_them()
    {
        await using var cluster = await LocalCluster.StartAsync();
        cluster.Server.ServeRecordedLists(Path.Combine(ClusterFixtures.Root, "psp"));
        var report = await cluster.AuditAsync();
        var (client, server, _) = ClusterConnection.Create(new ConnectionOptions(cluster.Kubeconfig));
        using (client)
        {
            var (policies, failure) = await PspSources.FromClusterAsync(client!, server, CancellationToken.None);

            Assert.Null(failure);
            var usage = PspSources.Usage(report);
            var legacy = policies.Select(p => PodSecurityPolicyMigration.Assess(p, Ladder, usage)).Single(a => a.Name == "restricted-psp");
            Assert.Equal(2, legacy.Namespaces["prod"]);
        }
    }

    [Fact]
    public async Task A_cluster_without_pod_security_policies_says_so()
    {
        await using var cluster = await LocalCluster.StartAsync();
        var (client, server, _) = ClusterConnection.Create(new ConnectionOptions(cluster.Kubeconfig));
        using (client)
        {
            var (_, failure) = await PspSources.FromClusterAsync(client!, server, CancellationToken.None);

            Assert.Contains("removed in Kubernetes 1.25", failure?.Message, StringComparison.Ordinal);
        }
    }
}
