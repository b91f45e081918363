using System.Collections.Immutable;
using System.IO.Compression;
using k8s;
using k8s.Models;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;
using Kubeguard.Checks.Tee;
using Kubeguard.Cluster.Reading;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Checks;

/// <summary>
/// Keeps what the checks beyond Pod Security need from a cluster read, compactly, and evaluates them
/// at the end one namespace at a time, so the whole cluster never exists as models at once.
/// </summary>
/// <remarks>
/// Cluster-scoped objects (Namespaces, Nodes with their labels only, RuntimeClasses, ClusterRoles,
/// ClusterRoleBindings, FelixConfigurations) are kept as models and are part of every namespace's
/// inventory. Namespaced objects are kept as their slimmed JSON, deflated (manifests repeat
/// themselves: a few kilobytes become a few hundred bytes), grouped by namespace. Of the
/// workloads, the top-level ones are kept (a Deployment, not the ReplicaSets it owns; a CronJob, not
/// its Jobs), and of the pods those no controller that was read stands for, plus every pod on a
/// confidential node (TEE-014 compares pods across namespaces on one node).
/// </remarks>
internal sealed class CheckInventoryCollector
{
    private static readonly SourceLocation ClusterSource = new("cluster", 0);

    private readonly InventoryEvaluator _evaluator;
    private readonly CheckOptions _options;
    private readonly Dictionary<(string Kind, string Name), IKubernetesObject<V1ObjectMeta>> _clusterScoped = [];
    private readonly SortedDictionary<string, Dictionary<(string Kind, string Name), (ResourceKind Kind, byte[] Json)>> _namespaced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string Kind, string Name)>> _controllersRead = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Name), (ResourceKind Kind, byte[] Json)> _confidentialNodePods = [];
    private readonly HashSet<string> _confidentialNodes = new(StringComparer.Ordinal);
    private readonly List<(ResourceKind Kind, string? Namespace, string Reason)> _notRead = [];

    public CheckInventoryCollector(InventoryEvaluator evaluator, CheckOptions options)
    {
        _evaluator = evaluator;
        _options = options;
        Needed = [.. ResourceKind.CheckInputs.Where(k => ChecksReading(k).Length > 0)];
    }

    /// <summary>The check inputs that the enabled checks read (workloads and pods are always read).</summary>
    public ImmutableArray<ResourceKind> Needed { get; }

    public void AddNamespace(V1Namespace ns)
    {
        if (ns.Metadata?.Name is not { } name)
        {
            return;
        }

        // Only what the checks read: name, labels and annotations.
        _clusterScoped[("Namespace", name)] = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta { Name = name, Labels = ns.Metadata.Labels, Annotations = ns.Metadata.Annotations },
        };
    }

    /// <summary>Takes one object of a check input kind.</summary>
    public void AddInput(ResourceKind kind, ListEntry entry)
    {
        if (entry.Model is not IKubernetesObject<V1ObjectMeta> { Metadata.Name: { } name } item)
        {
            return;
        }

        switch (item)
        {
            case V1Node node:
                node.Metadata.Annotations = null;
                node.Spec = null;
                if (node.Metadata.Labels is { } labels && (labels.ContainsKey(TeeRuntimeClasses.GkeInstanceTypeLabel)
                    || (labels.TryGetValue(TeeRuntimeClasses.GkeLegacyLabel, out var legacy) && legacy == "true")))
                {
                    _confidentialNodes.Add(name);
                }

                break;
            case V1ConfigMap map when !Relevant(map):
                return;
        }

        if (!kind.IsNamespaced)
        {
            item.Kind ??= kind.Kind;
            item.ApiVersion ??= kind.ApiVersion;
            _clusterScoped[(kind.Kind, name)] = item;
            return;
        }

        Keep(kind, item.Metadata.NamespaceProperty, name, entry.Json);
    }

    /// <summary>Takes one workload (any pod-bearing kind but Pod).</summary>
    public void AddWorkload(ResourceKind kind, string namespaceName, string name, bool owned, ReadOnlyMemory<byte> json)
    {
        Controllers(namespaceName).Add((kind.Kind, name));
        if (!owned)
        {
            Keep(kind, namespaceName, name, json);
        }
    }

    /// <summary>Takes one pod: kept when no controller that was read stands for it, or when it runs on a confidential node.</summary>
    public void AddPod(V1Pod pod, string namespaceName, string name, ReadOnlyMemory<byte> json)
    {
        var owner = Analysis.Owners.Controller(pod.Metadata);
        var covered = owner is not null && Controllers(namespaceName).Contains((owner.Kind, owner.Name));
        if (!covered)
        {
            Keep(ResourceKind.Pod, namespaceName, name, json);
        }

        if (pod.Spec?.NodeName is { } node && _confidentialNodes.Contains(node))
        {
            _confidentialNodePods[(namespaceName, name)] = (ResourceKind.Pod, Deflate(json.Span));
        }
    }

    /// <summary>Records a read that failed.</summary>
    public void NotRead(ResourceKind kind, string? namespaceName, string reason) => _notRead.Add((kind, namespaceName, reason));

    /// <summary>Evaluates every enabled check, namespace by namespace, letting go of each namespace's objects once judged.</summary>
    public ClusterChecks Evaluate()
    {
        var context = _clusterScoped.Values.Select(o => new InventoryObject(o, ClusterSource)).ToList();
        var findings = new HashSet<CheckFinding>();
        var annotations = new Dictionary<ObjectRef, IDictionary<string, string>>();

        void Run(Inventory inventory, Func<CheckFinding, bool> keep)
        {
            foreach (var finding in _evaluator.Evaluate(inventory, _options))
            {
                if (keep(finding) && findings.Add(finding) && !annotations.ContainsKey(finding.Subject)
                    && inventory.AnnotationsOf(finding.Subject) is { Count: > 0 } found
                    && found.Keys.Any(k => k.StartsWith(InlineExemptions.Prefix, StringComparison.Ordinal)))
                {
                    // Only the annotations inline exemptions are read from.
                    annotations[finding.Subject] = found
                        .Where(a => a.Key.StartsWith(InlineExemptions.Prefix, StringComparison.Ordinal))
                        .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
                }
            }
        }

        Run(Inventory.From(context), f => f.CheckId != Tee014SharedConfidentialNode);
        foreach (var namespaceName in _namespaced.Keys.ToList())
        {
            var items = _namespaced[namespaceName].Values.Select(o => ToItem(o.Kind, o.Json)).OfType<InventoryObject>().ToList();
            _namespaced.Remove(namespaceName);
            Run(Inventory.From(context.Concat(items)), f => f.CheckId != Tee014SharedConfidentialNode);
        }

        if (_confidentialNodePods.Count > 0)
        {
            var pods = _confidentialNodePods.Values.Select(o => ToItem(o.Kind, o.Json)).OfType<InventoryObject>();
            Run(Inventory.From(context.Concat(pods)), f => f.CheckId == Tee014SharedConfidentialNode);
        }

        var order = _evaluator.Checks.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var sorted = findings
            .OrderBy(f => order.GetValueOrDefault(f.CheckId))
            .ThenBy(f => f.Subject.ToString(), StringComparer.Ordinal)
            .ThenBy(f => f.JsonPath, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        var notRead = _notRead
            .Select(n => new ChecksNotRun(n.Kind.Resource, n.Namespace, n.Reason, ChecksReading(n.Kind)))
            .Where(n => n.Checks.Length > 0)
            .ToImmutableArray();
        return new ClusterChecks(sorted, annotations, notRead);
    }

    /// <summary>The enabled checks that read <paramref name="kind"/>.</summary>
    public ImmutableArray<string> ChecksReading(ResourceKind kind)
    {
        var isWorkload = kind == ResourceKind.Pod || ResourceKind.Workloads.Contains(kind);
        return [.. _evaluator.Checks
            .Where(c => _options.Families.Contains(c.Family))
            .Where(c => c.Reads.Any(r => r == kind.Kind || r.StartsWith(kind.Kind + " ", StringComparison.Ordinal) || (isWorkload && r == "workloads")))
            .Select(c => c.Id)];
    }

    private const string Tee014SharedConfidentialNode = "tee-014";

    // ConfigMaps the checks read: cilium-config and the Trustee configuration and policies.
    private static bool Relevant(V1ConfigMap map) =>
        map.Metadata?.Name == "cilium-config"
        || (map.Data?.Keys.Any(k => k.EndsWith(".toml", StringComparison.Ordinal) || k.EndsWith(".rego", StringComparison.Ordinal)) ?? false);

    private HashSet<(string Kind, string Name)> Controllers(string namespaceName)
    {
        if (!_controllersRead.TryGetValue(namespaceName, out var set))
        {
            set = [];
            _controllersRead[namespaceName] = set;
        }

        return set;
    }

    private void Keep(ResourceKind kind, string? namespaceName, string name, ReadOnlyMemory<byte> json)
    {
        var key = namespaceName ?? Inventory.DefaultNamespace;
        if (!_namespaced.TryGetValue(key, out var objects))
        {
            objects = [];
            _namespaced[key] = objects;
        }

        objects[(kind.Kind, name)] = (kind, Deflate(json.Span));
    }

    private static byte[] Deflate(ReadOnlySpan<byte> json)
    {
        using var output = new MemoryStream(json.Length / 4);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(json);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(byte[] deflated)
    {
        using var input = new MemoryStream(deflated, writable: false);
        using var inflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(deflated.Length * 4);
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static InventoryObject? ToItem(ResourceKind kind, byte[] json)
    {
        if (kind.Read(Inflate(json)) is not IKubernetesObject<V1ObjectMeta> item)
        {
            return null;
        }

        item.Kind ??= kind.Kind;
        item.ApiVersion ??= kind.ApiVersion;
        return new InventoryObject(item, ClusterSource);
    }
}
