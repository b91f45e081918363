using System.Text;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Benchmarks;

/// <summary>
/// A generated cluster: <see cref="Namespaces"/> namespaces of <see cref="PodsPerNamespace"/> pods
/// each (18 Deployments of 10 pods, a StatefulSet and a DaemonSet of 10), with their
/// ReplicaSets, a CronJob and its Job. Objects are written on demand, so the server holds no
/// list in memory. A third of the namespaces run restricted pods, a third baseline-only pods and
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
    }

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
