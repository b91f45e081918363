using System.Reflection;
using k8s.Models;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;
using Kubeguard.Testing;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Webhook.Tests;

/// <summary>The Kustomize base in <c>deploy/</c>: it must itself pass restricted, and keep its promises.</summary>
public class DeployManifestTests
{
    private static readonly string DeployDirectory = Path.Combine(
        typeof(DeployManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!,
        "deploy");

    private static readonly LevelVersion RestrictedLatest = new(Level.Restricted, PolicyVersion.Latest);

    private static List<(string File, string Kind, string Yaml, YamlMappingNode Node)> Documents()
    {
        var documents = new List<(string, string, string, YamlMappingNode)>();
        foreach (var file in Directory.GetFiles(DeployDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var parts = text.Split("\n---\n");
            Assert.Equal(stream.Documents.Count, parts.Length);
            for (var i = 0; i < parts.Length; i++)
            {
                var node = (YamlMappingNode)stream.Documents[i].RootNode;
                documents.Add((Path.GetFileName(file), ((YamlScalarNode)node["kind"]).Value!, parts[i], node));
            }
        }

        return documents;
    }

    [Fact]
    public void Every_pod_template_in_deploy_passes_restricted_latest()
    {
        var evaluated = 0;
        foreach (var (file, kind, yaml, _) in Documents().Where(d => PodTemplates.Kinds.Contains(d.Kind)))
        {
            var obj = kind switch
            {
                "Deployment" => (object)KubeYaml.Deserialize<V1Deployment>(yaml),
                _ => throw new InvalidOperationException($"{file}: add {kind} to this test"),
            };
            var template = PodTemplates.From(obj)!;

            var result = PolicyEvaluator.Default.Evaluate(RestrictedLatest, template.Metadata, template.Spec);

            Assert.True(result.Allowed, $"{file}: {result.WarningMessage}");
            evaluated++;
        }

        Assert.Equal(1, evaluated);
    }

    [Fact]
    public void The_kustomization_lists_every_manifest()
    {
        var kustomization = Documents().Single(d => d.Kind == "Kustomization").Node;
        var listed = ((YamlSequenceNode)kustomization["resources"]).Select(n => ((YamlScalarNode)n).Value).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(DeployDirectory, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    [Fact]
    public void The_deployment_is_replicated_and_protected_by_a_disruption_budget()
    {
        var deployment = KubeYaml.Deserialize<V1Deployment>(Documents().Single(d => d.Kind == "Deployment").Yaml);
        var pdb = KubeYaml.Deserialize<V1PodDisruptionBudget>(Documents().Single(d => d.Kind == "PodDisruptionBudget").Yaml);

        Assert.True(deployment.Spec.Replicas >= 2);
        Assert.Equal(deployment.Spec.Selector.MatchLabels, pdb.Spec.Selector.MatchLabels);
        Assert.True(int.Parse(pdb.Spec.MinAvailable!.Value, System.Globalization.CultureInfo.InvariantCulture) < deployment.Spec.Replicas);
        Assert.Contains("webhook", deployment.Spec.Template.Spec.Containers[0].Args);
    }

    [Fact]
    public void Two_webhook_configurations_mirror_upstream_fail_closed_for_pods_and_open_for_workloads()
    {
        var configurations = Documents().Where(d => d.Kind == "ValidatingWebhookConfiguration")
            .Select(d => KubeYaml.Deserialize<V1ValidatingWebhookConfiguration>(d.Yaml))
            .ToDictionary(c => c.Metadata.Name);

        var enforcing = Assert.Single(configurations["pod-security-webhook.kubeguard.io"].Webhooks);
        var advisory = Assert.Single(configurations["advisory.pod-security-webhook.kubeguard.io"].Webhooks);

        Assert.Equal("Fail", enforcing.FailurePolicy);
        Assert.Equal(["namespaces", "pods", "pods/ephemeralcontainers"], enforcing.Rules.SelectMany(r => r.Resources));
        Assert.Equal("Ignore", advisory.FailurePolicy);
        Assert.Equal(
            ["podtemplates", "replicationcontrollers", "daemonsets", "deployments", "replicasets", "statefulsets", "cronjobs", "jobs"],
            advisory.Rules.SelectMany(r => r.Resources));
        foreach (var webhook in new[] { enforcing, advisory })
        {
            Assert.Equal(5, webhook.TimeoutSeconds);
            Assert.Equal("/validate", webhook.ClientConfig.Service.Path);
            Assert.All(webhook.Rules, r => Assert.Equal(["CREATE", "UPDATE"], r.Operations));
            var exclusion = Assert.Single(webhook.NamespaceSelector.MatchExpressions);
            Assert.Equal(("kubernetes.io/metadata.name", "NotIn", "kubeguard-system"), (exclusion.Key, exclusion.OperatorProperty, exclusion.Values.Single()));
        }
    }

    [Fact]
    public void Rbac_only_reads_namespaces_and_lists_pods()
    {
        var role = KubeYaml.Deserialize<V1ClusterRole>(Documents().Single(d => d.Kind == "ClusterRole").Yaml);

        var grants = role.Rules.SelectMany(r => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{res}:{v}"))).Order(StringComparer.Ordinal);

        Assert.Equal(["namespaces:get", "namespaces:list", "namespaces:watch", "pods:list"], grants);
    }

    [Fact]
    public void The_configuration_map_holds_a_valid_pod_security_configuration()
    {
        var map = KubeYaml.Deserialize<V1ConfigMap>(Documents().Single(d => d.Kind == "ConfigMap").Yaml);

        var result = Admission.PodSecurityConfigurationLoader.Load(map.Data["podsecurity.yaml"]);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }
}
