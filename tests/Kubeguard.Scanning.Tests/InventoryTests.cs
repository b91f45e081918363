using k8s.Models;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class InventoryTests
{
    private static readonly Inventory Inventory = new ManifestLoader().LoadText("""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: baseline
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web, tier: front}}
            spec: {containers: [{name: a, image: b}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web-elsewhere, namespace: other}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: a, image: b}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: rb, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
        subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: shop}
        rules: []
        """, "bundle.yaml").Inventory;

    [Fact]
    public void Services_select_the_workloads_in_their_namespace_by_pod_labels()
    {
        var service = Assert.Single(Inventory.OfKind("Service"));
        Assert.Equal(["web"], Inventory.SelectedBy(service).Select(d => d.Name));
    }

    [Fact]
    public void Bindings_find_their_roles() =>
        Assert.Equal("reader", Inventory.RoleOf(Assert.Single(Inventory.OfKind("RoleBinding")))?.Name);

    [Fact]
    public void Namespaces_are_found_with_their_labels() =>
        Assert.Equal("baseline", Inventory.Namespace("shop")?.Metadata.Labels["pod-security.kubernetes.io/enforce"]);

    [Fact]
    public void Typed_objects_and_pod_bearing_objects_are_listed()
    {
        Assert.Equal(2, Inventory.Objects<V1Deployment>().Count());
        Assert.Equal(2, Inventory.PodBearing.Count());
        Assert.Equal(4, Inventory.InNamespace("shop").Count());
    }
}
