using Kubeguard.Scanning;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Checks.Tests;

/// <summary>
/// Runs every check over the real upstream manifests in <c>../shared/corpus/real</c>, read in place
/// by the scanner's manifest loader and handed over by the scan hook (<see cref="BeyondPodSecurity"/>).
/// Each directory is one inventory, as a user would scan it (<c>kubeguard scan dir/</c>): files in
/// one folder are meant to be applied together, while sibling folders hold alternatives (the nine
/// ingress-nginx providers, the kubernetes/examples apps). Required when CI=true.
/// </summary>
public sealed class RealCorpusTests
{
    // Exact findings per check over the whole corpus. Reviewed by hand against the manifests:
    // - image-not-pinned-by-digest: kube-prometheus blackbox-exporter's three containers
    //   (quay.io/prometheus/blackbox-exporter:v0.28.0, configmap-reload, kube-rbac-proxy) are tag-only;
    //   ingress-nginx has no finding, as SOURCES.md says every image there is digest-pinned. The
    //   placeholder image <YOUR-CONTAINER> (examples nodesjs-mongodb/web-controller.yaml) is not a
    //   valid reference: it is reported here as one that cannot be pinned, and by no other image check.
    // - image-mutable-tag: registry.k8s.io/pause (csi-driver-host-path app-generic-ephemeral.yaml) and
    //   nginx (examples cinder example-pod.yaml) name no tag at all.
    // - image-pull-policy-takes-moved-tag: argo-cd install.yaml argocd-applicationset-controller sets
    //   imagePullPolicy: Always on quay.io/argoproj/argocd:v3.5.1; examples rbd.yaml kubernetes/pause has
    //   no tag and no policy, so it defaults to Always.
    // - service-account-token-automounted: kube-prometheus blackbox-exporter sets
    //   automountServiceAccountToken: true on the pod; grafana opts out on pod and ServiceAccount and is
    //   not reported.
    // - default-service-account: local-path-provisioner pod-with-security-context/pod.yaml names none.
    //   The two extensions/v1beta1 DaemonSets of kubernetes/examples (flexvolume ds.yaml with the
    //   placeholder image "<image_url>", newrelic-infra-daemonset.yaml with newrelic/infrastructure and
    //   no tag) are read as workloads and counted by every workload check that applies.
    // - namespace-without-default-deny: kube-prometheus ships one NetworkPolicy per component but none
    //   with an empty podSelector, so namespace monitoring (5 workloads; the hostNetwork node-exporter
    //   not counted) is reported; argo-cd install.yaml names no namespace and counts as default.
    // - service-exposed-outside-cluster: each ingress-nginx provider's LoadBalancer (NodePort for
    //   baremetal) ingress-nginx-controller Service selects the controller Deployment (DaemonSet for exoscale).
    // - rbac-wildcard: argo-cd argocd-application-controller rule 0 is */* and rule 1 is * on
    //   nonResourceURLs *.
    // - rbac-secrets-read-cluster-wide: ingress-nginx's ClusterRole grants list, watch on secrets and
    //   is bound by a ClusterRoleBinding; argocd-server gets get through its resources: ["*"] rule.
    // - rbac-cluster-admin-service-account: flux2 cluster-reconciler-flux-system binds cluster-admin
    //   to the kustomize-controller and helm-controller ServiceAccounts (two subjects, two findings).
    // - Checks with zero findings were confirmed by grep: the corpus has no Secret of type
    //   kubernetes.io/service-account-token, no externalIPs, no RBAC rule naming pods/exec, pods/attach,
    //   pods/ephemeralcontainers, escalate, bind or impersonate (gatekeeper names pods/exec only in
    //   webhook rules), no binding to system:anonymous/unauthenticated/authenticated, no projected
    //   token volume, no --web.enable-admin-api or --web.enable-lifecycle (kube-prometheus' Prometheus
    //   resource leaves enableAdminAPI unset), no NodePort/LoadBalancer or Ingress in front of a
    //   monitoring component, no Calico or Cilium configuration.
    private static readonly Dictionary<string, int> Expected = new(StringComparer.Ordinal)
    {
        ["image-not-pinned-by-digest"] = 286,
        ["image-mutable-tag"] = 76,
        ["image-registry-not-allowed"] = 0,
        ["image-pull-policy-takes-moved-tag"] = 102,
        ["service-account-token-automounted"] = 273,
        ["legacy-service-account-token-secret"] = 0,
        ["projected-token-without-audience"] = 0,
        ["projected-token-long-expiry"] = 0,
        ["default-service-account"] = 152,
        ["service-exposed-outside-cluster"] = 29,
        ["service-external-ips"] = 0,
        ["namespace-without-default-deny"] = 110,
        ["monitoring-exposed"] = 0,
        ["monitoring-dangerous-flags"] = 0,
        ["calico-wireguard-disabled"] = 0,
        ["cilium-encryption-disabled"] = 0,
        ["rbac-wildcard"] = 35,
        ["rbac-secrets-read-cluster-wide"] = 34,
        ["rbac-pod-exec-attach"] = 0,
        ["rbac-ephemeral-containers"] = 0,
        ["rbac-escalate-bind-impersonate"] = 0,
        ["rbac-binding-to-everyone"] = 0,
        ["rbac-cluster-admin-service-account"] = 2,
        ["tee-001"] = 0,
        ["tee-002"] = 0,
        ["tee-003"] = 0,
        ["tee-004"] = 0,
        ["tee-005"] = 0,
        ["tee-006"] = 0,
        ["tee-007"] = 0,
        ["tee-008"] = 0,
        ["tee-009"] = 0,
        ["tee-010"] = 0,
        ["tee-011"] = 0,
        ["tee-012"] = 0,
        ["tee-013"] = 0,
        ["tee-014"] = 0,
    };

    [Fact]
    public void The_real_manifests_give_the_reviewed_number_of_findings_per_check()
    {
        if (!Directory.Exists(CheckFixtures.RealCorpus))
        {
            Assert.False(CheckFixtures.RequiredByCi, $"the real corpus is required in CI: {CheckFixtures.RealCorpus}");
            return;
        }

        // Given
        var counts = BuiltInChecks.All.ToDictionary(c => c.Id, _ => 0, StringComparer.Ordinal);
        var unreadable = new List<string>();
        var objects = 0;

        // When
        foreach (var folder in Directory.GetDirectories(CheckFixtures.RealCorpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var files = Directory.EnumerateFiles(folder).Where(IsManifest).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var manifests = new ManifestLoader().Load(files);
            unreadable.AddRange(manifests.Invalid.Select(i => Path.GetRelativePath(CheckFixtures.RealCorpus, i.Location.File).Replace('\\', '/') + ":" + i.Location.Line + ": " + i.Message));
            var (inventory, _) = BeyondPodSecurity.ToInventory(manifests.Documents);
            objects += inventory.Objects.Length;
            foreach (var finding in InventoryEvaluator.Default.Evaluate(inventory))
            {
                counts[finding.CheckId]++;
            }
        }

        // Then: SOURCES.md counts 1393 objects, the three *List documents of kube-prometheus among
        // them as well as their items; less those three and the one Pod whose fc.lun is a placeholder.
        Assert.Equal(1389, objects);
        var bad = Assert.Single(unreadable);
        Assert.StartsWith("kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml:17: ", bad, StringComparison.Ordinal);
        Assert.Equal(Expected.OrderBy(e => e.Key, StringComparer.Ordinal), counts.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    private static bool IsManifest(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal);
}
