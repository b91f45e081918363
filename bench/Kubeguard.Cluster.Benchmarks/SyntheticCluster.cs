using System.Text;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Benchmarks;

/// <summary>
/// A generated cluster: <see cref="Namespaces"/> namespaces of <see cref="PodsPerNamespace"/> pods
/// each (18 Deployments of 10 pods, a StatefulSet and a DaemonSet of 10), with their
/// ReplicaSets, a CronJob and its Job), and what the checks beyond Pod Security read: 40 Nodes,
/// RuntimeClasses, 60 ClusterRoles and bindings, and per namespace 18 Services, a Role and
/// RoleBinding, a default-deny NetworkPolicy, ServiceAccounts, Secrets, a PVC and ConfigMaps.
/// Objects are written on demand, so the server holds no list in memory. A third of the namespaces run restricted pods, a third baseline-only pods and
/// a third some privileged pods.
/// </summary>
internal static class SyntheticCluster
{
    public const int Namespaces = 500;
    public const int PodsPerNamespace = 200;
    private const int Deployments = 18;
    private const int Replicas = 10;

    public static void Serve(FakeKubeApiServer server)
    {
        server.Serve("", "v1", "namespaces", "NamespaceList", new Generated(1, Namespaces, (_, i) => Namespace(i)));
        server.Serve("", "v1", "pods", "PodList", new Generated(Namespaces, PodsPerNamespace, Pod));
        server.Serve("apps", "v1", "deployments", "DeploymentList", new Generated(Namespaces, Deployments, (ns, i) => Workload(ns, "Deployment", $"app-{i:D2}", null)));
        server.Serve("apps", "v1", "replicasets", "ReplicaSetList", new Generated(Namespaces, Deployments, (ns, i) => Workload(ns, "ReplicaSet", $"app-{i:D2}-7c9d8f6b5", ("Deployment", $"app-{i:D2}"))));
        server.Serve("apps", "v1", "statefulsets", "StatefulSetList", new Generated(Namespaces, 1, (ns, _) => Workload(ns, "StatefulSet", "db", null)));
        server.Serve("apps", "v1", "daemonsets", "DaemonSetList", new Generated(Namespaces, 1, (ns, _) => Workload(ns, "DaemonSet", "agent", null)));
        server.Serve("batch", "v1", "cronjobs", "CronJobList", new Generated(Namespaces, 1, (ns, _) => Workload(ns, "CronJob", "report", null)));
        server.Serve("batch", "v1", "jobs", "JobList", new Generated(Namespaces, 1, (ns, _) => Workload(ns, "Job", "report-29345678", ("CronJob", "report"))));
        server.Serve("", "v1", "replicationcontrollers", "ReplicationControllerList", new Generated(Namespaces, 0, (_, _) => ""));
        server.Serve("", "v1", "podtemplates", "PodTemplateList", new Generated(Namespaces, 0, (_, _) => ""));

        // What the checks beyond Pod Security read.
        server.Serve("", "v1", "nodes", "NodeList", new Generated(1, Nodes, (_, i) => Node(i)));
        server.Serve("node.k8s.io", "v1", "runtimeclasses", "RuntimeClassList", new Generated(1, 3, (_, i) => $$$"""{"metadata":{"name":"{{{RuntimeClasses[i]}}}","uid":"{{{Uid(0, 50 + i)}}}","resourceVersion":"3"},"handler":"{{{RuntimeClasses[i]}}}"}"""));
        server.Serve("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRoleList", new Generated(1, ClusterRoles, (_, i) => ClusterRole(i)));
        server.Serve("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBindingList", new Generated(1, ClusterRoles, (_, i) => Binding(null, "ClusterRoleBinding", $"system-role-{i:D3}", "ClusterRole", $"system-role-{i:D3}")));
        server.Serve("rbac.authorization.k8s.io", "v1", "roles", "RoleList", new Generated(Namespaces, 1, (ns, _) => $$$"""{"metadata":{"name":"deployer","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 60)}}}","resourceVersion":"5"},"rules":[{"apiGroups":["apps"],"resources":["deployments"],"verbs":["get","list","watch","update","patch"]}]}"""));
        server.Serve("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBindingList", new Generated(Namespaces, 1, (ns, _) => Binding(NamespaceName(ns), "RoleBinding", "deployer", "Role", "deployer")));
        server.Serve("", "v1", "services", "ServiceList", new Generated(Namespaces, Deployments, (ns, i) => Service(ns, i)));
        server.Serve("networking.k8s.io", "v1", "ingresses", "IngressList", new Generated(Namespaces, 0, (_, _) => ""));
        server.Serve("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicyList", new Generated(Namespaces, 1, (ns, _) => $$$"""{"metadata":{"name":"default-deny","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 61)}}}","resourceVersion":"5"},"spec":{"podSelector":{},"policyTypes":["Ingress"]}}"""));
        server.Serve("", "v1", "serviceaccounts", "ServiceAccountList", new Generated(Namespaces, 2, (ns, i) => $$$"""{"metadata":{"name":"{{{(i == 0 ? "default" : "deployer")}}}","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 62 + i)}}}","resourceVersion":"5"}}"""));
        server.Serve("", "v1", "secrets", "SecretList", new Generated(Namespaces, 4, (ns, i) => Secret(ns, i)));
        server.Serve("", "v1", "persistentvolumeclaims", "PersistentVolumeClaimList", new Generated(Namespaces, 1, (ns, _) => $$$"""{"metadata":{"name":"data-db-0","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 70)}}}","resourceVersion":"5"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"10Gi"}},"volumeMode":"Filesystem"},"status":{"phase":"Bound"}}"""));
        server.Serve("", "v1", "configmaps", "ConfigMapList", new Generated(Namespaces, 2, (ns, i) => ConfigMap(ns, i)));
    }

    private const int Nodes = 40;
    private const int ClusterRoles = 60;
    private static readonly string[] RuntimeClasses = ["gvisor", "kata-qemu", "kata-qemu-snp"];

    private static string Node(int i) =>
        $$$"""{"metadata":{"name":"node-{{{i}}}","uid":"{{{Uid(0, 100 + i)}}}","resourceVersion":"9","labels":{"kubernetes.io/hostname":"node-{{{i}}}","kubernetes.io/os":"linux","node.kubernetes.io/instance-type":"m6i.2xlarge","topology.kubernetes.io/zone":"zone-{{{i % 3}}}"},"annotations":{"node.alpha.kubernetes.io/ttl":"0","volumes.kubernetes.io/controller-managed-attach-detach":"true"}},"spec":{"podCIDR":"10.244.{{{i}}}.0/24","providerID":"aws:///zone/i-{{{i:x8}}}"},"status":{"capacity":{"cpu":"8","memory":"32Gi","pods":"110"},"images":[{"names":["registry.example/team/app:1.4.2"],"sizeBytes":123456789}],"nodeInfo":{"kubeletVersion":"v1.36.0","containerRuntimeVersion":"containerd://2.1.0"}}""" + "}";

    private static string ClusterRole(int i) =>
        $$$"""{"metadata":{"name":"system-role-{{{i:D3}}}","uid":"{{{Uid(0, 200 + i)}}}","resourceVersion":"9"},"rules":[{"apiGroups":[""],"resources":["pods","services","endpoints"],"verbs":["get","list","watch"]},{"apiGroups":["apps"],"resources":["deployments","replicasets"],"verbs":["get","list","watch"]}]}""";

    private static string Binding(string? ns, string kind, string name, string roleKind, string role) =>
        $$$"""{"metadata":{"name":"{{{name}}}",{{{NamespaceField(ns)}}}"uid":"{{{Uid(ns?.Length ?? 0, 300 + name.Length)}}}","resourceVersion":"9"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"{{{roleKind}}}","name":"{{{role}}}"},"subjects":[{"kind":"ServiceAccount","name":"deployer","namespace":"{{{ns ?? "kube-system"}}}"}]}""";

    private static string NamespaceField(string? ns) => ns is null ? "" : "\"namespace\":\"" + ns + "\",";

    private static string Service(int ns, int i) =>
        $$$"""{"metadata":{"name":"app-{{{i:D2}}}","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 400 + i)}}}","resourceVersion":"5","labels":{"app":"app-{{{i:D2}}}"}},"spec":{"type":"{{{(i == 0 ? "LoadBalancer" : "ClusterIP")}}}","selector":{"app":"app-{{{i:D2}}}"},"ports":[{"port":80,"targetPort":8080,"protocol":"TCP"}],"clusterIP":"10.96.{{{ns % 250}}}.{{{i}}}"},"status":{"loadBalancer":{}}""" + "}";

    // One legacy service-account token and three other Secrets per namespace; the reader asks only for the token type.
    private static string Secret(int ns, int i) =>
        $$$"""{"metadata":{"name":"secret-{{{i}}}","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 500 + i)}}}","resourceVersion":"5"},"type":"{{{(i == 0 ? "kubernetes.io/service-account-token" : "Opaque")}}}","data":{"token":"{{{new string('A', 1200)}}}"}}""";

    private static string ConfigMap(int ns, int i) =>
        $$$"""{"metadata":{"name":"{{{(i == 0 ? "kube-root-ca.crt" : "app-config")}}}","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 600 + i)}}}","resourceVersion":"5"},"data":{"{{{(i == 0 ? "ca.crt" : "settings.yaml")}}}":"{{{new string('x', 1500)}}}"}}""";

    private static string NamespaceName(int ns) => $"team-{ns:D3}";

    private static string Namespace(int ns) =>
        $$$"""{"metadata":{"name":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, 0)}}}","resourceVersion":"1","creationTimestamp":"2026-10-02T09:14:07Z","labels":{"kubernetes.io/metadata.name":"{{{NamespaceName(ns)}}}"{{{(ns % 5 == 0 ? ",\"pod-security.kubernetes.io/enforce\":\"baseline\"" : "")}}}}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""";

    private static string Pod(int ns, int i)
    {
        var (owner, name, labels) = i < Deployments * Replicas
            ? (("ReplicaSet", $"app-{i / Replicas:D2}-7c9d8f6b5"), $"app-{i / Replicas:D2}-7c9d8f6b5-{i % Replicas:D5}", $"\"app\":\"app-{i / Replicas:D2}\",\"pod-template-hash\":\"7c9d8f6b5\"")
            : i < (Deployments + 1) * Replicas
                ? (("StatefulSet", "db"), $"db-{i % Replicas}", "\"app\":\"db\"")
                : (("DaemonSet", "agent"), $"agent-{i % Replicas:D5}", "\"app\":\"agent\"");
        var privileged = ns % 3 == 2 && owner.Item1 == "DaemonSet";
        return $$$"""{"metadata":{"name":"{{{name}}}","generateName":"{{{owner.Item2}}}-","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, i + 1000)}}}","resourceVersion":"{{{1000 + i}}}","creationTimestamp":"2026-10-02T09:14:07Z","labels":{{{{labels}}}},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-10-01T08:00:00Z"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"{{{owner.Item1}}}","name":"{{{owner.Item2}}}","uid":"{{{Uid(ns, 7)}}}","controller":true,"blockOwnerDeletion":true}]},"spec":{{{Spec(ns, privileged)}}},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-02T09:14:20Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-02T09:14:20Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-10-02T09:14:07Z"}],"hostIP":"10.0.0.{{{i % 250}}}","podIP":"10.244.{{{ns % 250}}}.{{{i % 250}}}","startTime":"2026-10-02T09:14:07Z","containerStatuses":[{"name":"app","state":{"running":{"startedAt":"2026-10-02T09:14:19Z"}},"ready":true,"restartCount":0,"image":"registry.example/team/app:1.4.2","imageID":"registry.example/team/app@sha256:4f1c0e6b9d3a7f2e8c5b1a9d0e7f3c6b2a8d4e1f9c7b3a5d2e8f6c1b9a7d3e5f","containerID":"containerd://{{{Uid(ns, i)}}}","started":true}],"qosClass":"Burstable"}}""";
    }

    private static string Workload(int ns, string kind, string name, (string Kind, string Name)? owner)
    {
        var template = $$$"""{"metadata":{"labels":{"app":"{{{name}}}"}},"spec":{{{Spec(ns, ns % 3 == 2 && kind == "DaemonSet")}}}}""";
        var spec = kind switch
        {
            "CronJob" => $$$"""{"schedule":"0 3 * * *","jobTemplate":{"spec":{"template":{{{template}}}""" + "}}}",
            _ => $$$"""{"replicas":{{{Replicas}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},"template":{{{template}}}}""",
        };
        var ownerJson = owner is { } o
            ? $$$""","ownerReferences":[{"apiVersion":"apps/v1","kind":"{{{o.Kind}}}","name":"{{{o.Name}}}","uid":"{{{Uid(ns, 9)}}}","controller":true}]"""
            : "";
        return $$$"""{"metadata":{"name":"{{{name}}}","namespace":"{{{NamespaceName(ns)}}}","uid":"{{{Uid(ns, name.Length)}}}","resourceVersion":"5","creationTimestamp":"2026-10-02T09:14:07Z","labels":{"app":"{{{name}}}"}{{{ownerJson}}}},"spec":{{{spec}}},"status":{}}""";
    }

    private static string Spec(int ns, bool privileged)
    {
        var container = (ns % 3) switch
        {
            0 => "\"securityContext\":{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]},\"readOnlyRootFilesystem\":true}",
            1 => "\"securityContext\":{\"allowPrivilegeEscalation\":false}",
            _ => privileged ? "\"securityContext\":{\"privileged\":true}" : "\"securityContext\":{}",
        };
        var podContext = ns % 3 == 0 ? """{"runAsNonRoot":true,"runAsUser":10001,"seccompProfile":{"type":"RuntimeDefault"}}""" : "{}";
        return $$$"""{"volumes":[{"name":"kube-api-access-7x2kq","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],"containers":[{"name":"app","image":"registry.example/team/app:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],"env":[{"name":"LOG_LEVEL","value":"info"}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},"volumeMounts":[{"name":"kube-api-access-7x2kq","readOnly":true,"mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent",{{{container}}}}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default","nodeName":"node-{{{ns % 40}}}","securityContext":{{{podContext}}},"schedulerName":"default-scheduler","tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"}""";
    }

    private static string Uid(int a, int b) => $"{a:x8}-{b & 0xffff:x4}-4a1b-9c2d-{(long)a * 7919 + b:x12}";

    /// <summary>Items generated on demand: <c>perNamespace</c> items in each namespace, written by <c>write(ns, i)</c>.</summary>
    private sealed class Generated(int namespaces, int perNamespace, Func<int, int, string> write) : FakeObjectSource
    {
        public override IReadOnlyList<ReadOnlyMemory<byte>> Items(string? namespaceName, string? labelSelector) =>
            namespaceName is null
                ? new Lazy(namespaces * perNamespace, i => write(i / perNamespace, i % perNamespace))
                : int.TryParse(namespaceName.AsSpan(5), out var ns)
                    ? new Lazy(perNamespace, i => write(ns, i))
                    : new Lazy(0, _ => "");

        public override ReadOnlyMemory<byte>? Find(string? namespaceName, string name) => null;
    }

    private sealed class Lazy(int count, Func<int, string> item) : IReadOnlyList<ReadOnlyMemory<byte>>
    {
        public int Count => count;

        public ReadOnlyMemory<byte> this[int index] => Encoding.UTF8.GetBytes(item(index));

        public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
