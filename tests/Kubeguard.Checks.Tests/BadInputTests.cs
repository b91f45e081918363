using System.Text.Json.Nodes;
using k8s.Models;

namespace Kubeguard.Checks.Tests;

/// <summary>Objects with missing, null or oddly typed fields never crash a check.</summary>
public sealed class BadInputTests
{
    private static InventoryObject Item(k8s.IKubernetesObject<V1ObjectMeta> resource) => new(resource, new SourceLocation("odd.yaml", 1));

    [Fact]
    public void Objects_full_of_nulls_run_through_every_check_without_throwing()
    {
        // Given: typed objects built without their usual fields, lists holding null entries
        var objects = new InventoryObject?[]
        {
            null,
            Item(new V1Pod()),
            Item(new V1Pod { Metadata = new V1ObjectMeta { Name = "p" }, Spec = new V1PodSpec { Containers = [null!, new V1Container()], Volumes = [null!, new V1Volume { Projected = new V1ProjectedVolumeSource { Sources = [null!] } }] } }),
            Item(new V1Deployment { Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec() } }),
            Item(new V1CronJob { Spec = new V1CronJobSpec() }),
            Item(new V1Service { Spec = new V1ServiceSpec { Type = "NodePort", ExternalIPs = [null!, ""] } }),
            Item(new V1Service()),
            Item(new V1NetworkPolicy()),
            Item(new V1NetworkPolicy { Spec = new V1NetworkPolicySpec { PolicyTypes = [null!], Ingress = [null!] } }),
            Item(new V1Ingress { Spec = new V1IngressSpec { Rules = [null!, new V1IngressRule { Http = new V1HTTPIngressRuleValue { Paths = [null!] } }] } }),
            Item(new V1Role { Rules = [null!, new V1PolicyRule()] }),
            Item(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = "x" }, Rules = [new V1PolicyRule { Verbs = [null!, "*"], Resources = null }] }),
            Item(new V1RoleBinding { Subjects = [null!, new Rbacv1Subject()] }),
            Item(new V1ClusterRoleBinding { RoleRef = new V1RoleRef { Kind = "ClusterRole", Name = "x" }, Subjects = [null!] }),
            Item(new V1Secret { Type = "kubernetes.io/service-account-token" }),
            Item(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cilium-config" } }),
            Item(new V1ServiceAccount()),
            Item(new V1Namespace()),
            Item(new UnstructuredObject("crd.projectcalico.org/v1", "FelixConfiguration", new V1ObjectMeta { Name = "default" }, new JsonObject { ["spec"] = "not a mapping" })),
            Item(new UnstructuredObject("monitoring.coreos.com/v1", "Prometheus", null, null)),
        };

        // When
        var findings = InventoryEvaluator.Default.Evaluate(Inventory.From(objects));

        // Then: the odd objects are judged on what they do say
        Assert.Contains(findings, f => f.CheckId == "legacy-service-account-token-secret" && f.Message == "Secret \"\" holds a long-lived token for service account \"(unnamed)\"");
        Assert.Contains(findings, f => f.CheckId == "cilium-encryption-disabled");
        Assert.Contains(findings, f => f.CheckId == "calico-wireguard-disabled" && f.Message.EndsWith("(spec.wireguardEnabled is not set)", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.CheckId == "rbac-wildcard" && f.Subject == new ObjectRef("ClusterRole", null, "x"));
        Assert.DoesNotContain(findings, f => f.CheckId == "service-external-ips");
        Assert.Equal("Pod", Inventory.From(objects).Objects[0].Kind);
    }

    [Fact]
    public void Oddly_typed_values_in_custom_resources_count_as_not_enabled()
    {
        var felix = new UnstructuredObject("crd.projectcalico.org/v1", "FelixConfiguration", new V1ObjectMeta { Name = "default" },
            new JsonObject { ["spec"] = new JsonObject { ["wireguardEnabled"] = 42 } });
        var prometheus = new UnstructuredObject("monitoring.coreos.com/v1", "Prometheus", new V1ObjectMeta { Name = "k8s" },
            new JsonObject { ["spec"] = new JsonObject { ["enableAdminAPI"] = "TRUE" } });

        var findings = InventoryEvaluator.Default.Evaluate(Inventory.From([Item(felix), Item(prometheus)]));

        Assert.Equal(
            ["Prometheus \"k8s\" sets enableAdminAPI: true", "FelixConfiguration \"default\" leaves WireGuard off (spec.wireguardEnabled is not a boolean)"],
            findings.Where(f => f.CheckId is "calico-wireguard-disabled" or "monitoring-dangerous-flags").Select(f => f.Message));
    }

    [Fact]
    public void A_selector_that_matches_nothing_is_not_an_exposure()
    {
        var inventory = ManifestReader.Inventory("""
            apiVersion: v1
            kind: Service
            metadata: {name: lb, namespace: a}
            spec:
              type: LoadBalancer
              selector: {app: prometheus}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: prometheus, namespace: a}
            spec:
              selector: {matchLabels: {app: prom}}
              template:
                metadata: {labels: {app: prom}}
                spec:
                  containers: [{name: p, image: "quay.io/prometheus/prometheus:v2.54.1"}]
            """);

        var findings = InventoryEvaluator.Default.Evaluate(inventory);

        Assert.DoesNotContain(findings, f => f.CheckId is "service-exposed-outside-cluster" or "monitoring-exposed");
    }

    [Fact]
    public void An_rbac_rule_naming_an_unknown_resource_is_still_judged_by_its_verbs()
    {
        var inventory = ManifestReader.Inventory("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: odd}
            rules:
              - apiGroups: [no.such.group]
                resources: [nonexistent/subresource]
                verbs: [impersonate, "*"]
            """);

        var findings = InventoryEvaluator.Default.Evaluate(inventory);

        Assert.Equal(
            [("rbac-wildcard", "ClusterRole \"odd\" rule 0 grants verbs \"*\", \"impersonate\" on resources \"nonexistent/subresource\""),
             ("rbac-escalate-bind-impersonate", "ClusterRole \"odd\" rule 0 allows \"impersonate\" on \"nonexistent/subresource\"")],
            findings.Select(f => (f.CheckId, f.Message)));
    }
}
