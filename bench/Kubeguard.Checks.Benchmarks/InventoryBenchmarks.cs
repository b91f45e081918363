using BenchmarkDotNet.Attributes;
using k8s;
using k8s.Models;
using Kubeguard.Checks.Exemptions;

namespace Kubeguard.Checks.Benchmarks;

/// <summary>
/// Every check over a synthetic cluster of <see cref="Namespaces"/> namespaces, each holding ten
/// workloads (two containers each), ten Services (two of them LoadBalancers), a ServiceAccount, a
/// NetworkPolicy, a Role and a RoleBinding, plus one ClusterRole and binding per namespace.
/// </summary>
[MemoryDiagnoser]
public class InventoryBenchmarks
{
    private Inventory _inventory = Inventory.Empty;

    [Params(10, 100)]
    public int Namespaces { get; set; }

    [GlobalSetup]
    public void Setup() => _inventory = Inventory.From(Build(Namespaces));

    [Benchmark]
    public int BuildInventory() => Inventory.From(Build(Namespaces)).Workloads.Length;

    [Benchmark]
    public int EvaluateAllChecks() => InventoryEvaluator.Default.Evaluate(_inventory).Length;

    [Benchmark]
    public int EvaluateAndApplyExemptions() =>
        ExemptionRules.Apply(InventoryEvaluator.Default.Evaluate(_inventory), ExemptionSet.Empty, new DateOnly(2026, 11, 27), _inventory).Active.Length;

    private static List<InventoryObject> Build(int namespaces)
    {
        var objects = new List<InventoryObject>();
        var location = new SourceLocation("bench.yaml", 1);
        void Add(IKubernetesObject<V1ObjectMeta> o) => objects.Add(new InventoryObject(o, location));

        for (var n = 0; n < namespaces; n++)
        {
            var ns = $"ns-{n}";
            Add(new V1Namespace { Kind = "Namespace", Metadata = new V1ObjectMeta { Name = ns } });
            Add(new V1ServiceAccount { Kind = "ServiceAccount", Metadata = new V1ObjectMeta { Name = "app", NamespaceProperty = ns } });
            Add(new V1NetworkPolicy
            {
                Kind = "NetworkPolicy",
                Metadata = new V1ObjectMeta { Name = "allow", NamespaceProperty = ns },
                Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "w0" } } },
            });
            for (var w = 0; w < 10; w++)
            {
                var labels = new Dictionary<string, string> { ["app"] = $"w{w}" };
                Add(new V1Deployment
                {
                    Kind = "Deployment",
                    Metadata = new V1ObjectMeta { Name = $"w{w}", NamespaceProperty = ns },
                    Spec = new V1DeploymentSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = labels },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = labels },
                            Spec = new V1PodSpec
                            {
                                ServiceAccountName = w % 2 == 0 ? "app" : null,
                                Containers =
                                [
                                    new V1Container { Name = "app", Image = w % 3 == 0 ? "nginx" : $"ghcr.io/acme/app-{w}:1.{w}" },
                                    new V1Container { Name = "proxy", Image = "quay.io/brancz/kube-rbac-proxy:v0.18.0", Args = ["--secure-listen-address=0.0.0.0:8443"] },
                                ],
                            },
                        },
                    },
                });
                Add(new V1Service
                {
                    Kind = "Service",
                    Metadata = new V1ObjectMeta { Name = $"w{w}", NamespaceProperty = ns },
                    Spec = new V1ServiceSpec { Type = w < 2 ? "LoadBalancer" : "ClusterIP", Selector = labels },
                });
            }

            Add(new V1Role
            {
                Kind = "Role",
                Metadata = new V1ObjectMeta { Name = "dev", NamespaceProperty = ns },
                Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "pods/exec"], Verbs = ["get", "create"] }],
            });
            Add(new V1RoleBinding
            {
                Kind = "RoleBinding",
                Metadata = new V1ObjectMeta { Name = "dev", NamespaceProperty = ns },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "dev" },
                Subjects = [new Rbacv1Subject { Kind = "Group", Name = $"team-{n}" }],
            });
            Add(new V1ClusterRole
            {
                Kind = "ClusterRole",
                Metadata = new V1ObjectMeta { Name = $"reader-{n}" },
                Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["secrets", "configmaps"], Verbs = ["get", "list"] }],
            });
            Add(new V1ClusterRoleBinding
            {
                Kind = "ClusterRoleBinding",
                Metadata = new V1ObjectMeta { Name = $"reader-{n}" },
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = $"reader-{n}" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "app", NamespaceProperty = ns }],
            });
        }

        return objects;
    }
}
