using System.Globalization;
using k8s;
using k8s.Models;
using Kubeguard.Checks;
using Kubeguard.Cluster.Checks;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Reading;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Cluster.Analysis;

/// <summary>
/// Reads a cluster (namespaces, the objects the checks beyond Pod Security need, every pod-bearing
/// workload kind, then pods) page by page and judges each object as it arrives, keeping
/// per-namespace summaries only (and, for the checks beyond Pod Security, a compact copy of what
/// they read, evaluated namespace by namespace at the end). Forbidden reads are recorded as
/// skipped on the namespaces they cover; an unreachable server or rejected credentials stop the
/// read with a <see cref="ClusterFailure"/>.
/// </summary>
public sealed class ClusterAuditor
{
    private readonly IKubernetes _client;
    private readonly string _server;
    private readonly AuditRequest _request;
    private readonly IProgress<ReadProgress>? _progress;
    private readonly SortedDictionary<string, NamespaceState> _namespaces = new(StringComparer.Ordinal);
    private readonly List<SkippedRead> _skipped = [];
    private readonly PagedLister _lister;
    private readonly CheckInventoryCollector? _collector;
    private PlanLadder _ladder = PlanLadder.Create(PolicyEvaluator.Default);
    private string? _serverVersion;
    private long _objects;

    /// <summary>Creates an auditor.</summary>
    /// <param name="client">The KubernetesClient.</param>
    /// <param name="server">The server address, for messages.</param>
    /// <param name="request">What to read.</param>
    /// <param name="progress">Receives progress after each page; may be null.</param>
    public ClusterAuditor(IKubernetes client, string server, AuditRequest request, IProgress<ReadProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        _client = client;
        _server = server;
        _request = request;
        _progress = progress;
        _lister = new PagedLister(client, server, request.PageSize);
        _collector = request.Checks is { } checks ? new CheckInventoryCollector(InventoryEvaluator.Default, checks) : null;
    }

    /// <summary>Reads and judges the cluster.</summary>
    public async Task<ClusterReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var failure = await ReadVersionAsync(cancellationToken).ConfigureAwait(false)
            ?? await ReadNamespacesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var kind in _collector?.Needed ?? [])
        {
            if (failure is not null)
            {
                break;
            }

            failure = await ReadInputAsync(kind, cancellationToken).ConfigureAwait(false);
        }

        if (failure is null)
        {
            foreach (var kind in ResourceKind.Workloads.Append(ResourceKind.Pod))
            {
                failure = await ReadKindAsync(kind, cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    break;
                }
            }
        }

        return new ClusterReport(
            _server,
            _serverVersion,
            _ladder.Pin,
            failure is null ? [.. _namespaces.Values.Select(n => n.ToReport(_ladder))] : [],
            [.. _skipped],
            failure,
            _objects,
            _lister.Restarts)
        {
            Checks = failure is null ? _collector?.Evaluate() : null,
        };
    }

    private async Task<ClusterFailure?> ReadVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await _client.Version.GetCodeAsync(cancellationToken).ConfigureAwait(false);
            _serverVersion = version.GitVersion;
            var digits = new string((version.Minor ?? string.Empty).TakeWhile(char.IsAsciiDigit).ToArray());
            if (version.Major == "1" && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                _ladder = PlanLadder.Create(PolicyEvaluator.ForKubernetesMinor(minor), PolicyVersion.Of(1, minor));
            }

            return null;
        }
        catch (Exception ex) when (ApiFailures.Classify(ex, _server, cancellationToken) is { } failure)
        {
            // Some clusters hide /version; only a failure that stops every read stops here.
            return failure.IsFatal ? failure : null;
        }
    }

    private async Task<ClusterFailure?> ReadNamespacesAsync(CancellationToken cancellationToken)
    {
        if (_request.Namespaces.Count > 0)
        {
            foreach (var name in _request.Namespaces.Distinct(StringComparer.Ordinal))
            {
                try
                {
                    var ns = await _client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                    Add(name, ns.Metadata?.Labels, labelsKnown: true);
                    _collector?.AddNamespace(ns);
                }
                catch (Exception ex) when (ApiFailures.Classify(ex, _server, cancellationToken) is { } failure)
                {
                    if (failure.IsFatal)
                    {
                        return failure;
                    }

                    var state = Add(name, null, labelsKnown: false);
                    state.Skipped.Add(new SkippedRead("namespaces", name, $"cannot read the namespace's labels: {failure.Message}"));
                }
            }

            return null;
        }

        long read = 0;
        var listFailure = await _lister.ListAsync(ResourceKind.Namespace, null, _request.NamespaceSelector,
            (page, _) =>
            {
                read += page.Count;
                foreach (var item in page.Items)
                {
                    if (item is V1Namespace { Metadata.Name: { } name } ns)
                    {
                        Add(name, ns.Metadata.Labels, labelsKnown: true);
                        _collector?.AddNamespace(ns);
                    }
                }

                Report(ResourceKind.Namespace, null, page.Count);
                return ValueTask.CompletedTask;
            },
            () =>
            {
                _namespaces.Clear();
                _objects -= read;
                read = 0;
            },
            cancellationToken).ConfigureAwait(false);
        return listFailure is { Kind: FailureKind.Forbidden }
            ? listFailure with { Message = $"cannot list namespaces: {listFailure.Message}; name the namespaces to audit with --namespace" }
            : listFailure;
    }

    private NamespaceState Add(string name, IDictionary<string, string>? labels, bool labelsKnown)
    {
        var state = new NamespaceState(name, labels, labelsKnown, _request.Configuration, _ladder.Candidates.Length);
        if (_request.LabelSelector is { Length: > 0 } selector)
        {
            state.Skipped.Add(new SkippedRead("objects", name, $"only objects matching the label selector \"{selector}\" were read"));
        }

        _namespaces[name] = state;
        return state;
    }

    private async Task<ClusterFailure?> ReadKindAsync(ResourceKind kind, CancellationToken cancellationToken)
    {
        if (_namespaces.Count == 0)
        {
            return null;
        }

        if (_request.Namespaces.Count == 0)
        {
            var failure = await ListIntoAsync(kind, null, cancellationToken).ConfigureAwait(false);
            if (failure is null || failure.IsFatal)
            {
                return failure;
            }

            // Cluster-wide reading is forbidden (or failed): try each namespace, as RBAC may allow some.
            _skipped.Add(new SkippedRead(kind.Resource, null, failure.Message));
        }

        foreach (var ns in _namespaces.Values)
        {
            var failure = await ListIntoAsync(kind, ns.Name, cancellationToken).ConfigureAwait(false);
            if (failure is { IsFatal: true })
            {
                return failure;
            }

            if (failure is not null)
            {
                ns.Skipped.Add(new SkippedRead(kind.Resource, ns.Name, failure.Message));
                _collector?.NotRead(kind, ns.Name, failure.Message);
            }
        }

        return null;
    }

    // An object kind the checks beyond Pod Security read. A kind the server does not serve (404: an
    // older API or a custom resource whose definition is not installed) has no objects; any other
    // failure is recorded, and the checks that read the kind say they could not run completely.
    private async Task<ClusterFailure?> ReadInputAsync(ResourceKind kind, CancellationToken cancellationToken)
    {
        var collector = _collector!;
        ValueTask Take(ListPage page)
        {
            foreach (var entry in page.Entries)
            {
                collector.AddInput(kind, entry);
            }

            Report(kind, null, page.Count);
            return ValueTask.CompletedTask;
        }

        if (!kind.IsNamespaced || _request.Namespaces.Count == 0)
        {
            var failure = await _lister.ListAsync(kind, null, null, (page, _) => Take(page), () => { }, cancellationToken).ConfigureAwait(false);
            if (failure is null || failure.IsFatal || failure.Kind == FailureKind.NotFound)
            {
                return failure is { IsFatal: true } ? failure : null;
            }

            if (!kind.IsNamespaced)
            {
                collector.NotRead(kind, null, failure.Message);
                return null;
            }
        }

        foreach (var ns in _namespaces.Values)
        {
            var failure = await _lister.ListAsync(kind, ns.Name, null, (page, _) => Take(page), () => { }, cancellationToken).ConfigureAwait(false);
            if (failure is { IsFatal: true })
            {
                return failure;
            }

            if (failure is not null && failure.Kind != FailureKind.NotFound)
            {
                collector.NotRead(kind, ns.Name, failure.Message);
            }
        }

        return null;
    }

    private async Task<ClusterFailure?> ListIntoAsync(ResourceKind kind, string? namespaceName, CancellationToken cancellationToken)
    {
        var staging = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var judge = new ObjectJudge(_ladder, _request.Configuration);
        long read = 0;
        var failure = await _lister.ListAsync(kind, namespaceName, _request.LabelSelector,
            (page, _) =>
            {
                foreach (var entry in page.Entries)
                {
                    Accept(kind, entry, staging, judge);
                }

                read += page.Count;
                Report(kind, namespaceName, page.Count);
                return ValueTask.CompletedTask;
            },
            () =>
            {
                staging.Clear();
                _objects -= read;
                read = 0;
            },
            cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        foreach (var (name, tally) in staging)
        {
            _namespaces[name].Total.Merge(tally);
        }

        return null;
    }

    private void Accept(ResourceKind kind, ListEntry entry, Dictionary<string, Tally> staging, ObjectJudge judge)
    {
        var item = entry.Model;
        if (item is not IKubernetesObject<V1ObjectMeta> { Metadata: { Name: { } name, NamespaceProperty: { } nsName } metadata }
            || !_namespaces.TryGetValue(nsName, out var ns))
        {
            // Objects of namespaces outside the audit (or created after the namespaces were listed).
            return;
        }

        WorkloadRef workload;
        if (kind == ResourceKind.Pod)
        {
            workload = Owners.OfPod(ns, metadata, name);
            if (item is V1Pod pod)
            {
                _collector?.AddPod(pod, nsName, name, entry.Json);
            }
        }
        else
        {
            var owner = Owners.Controller(metadata);
            if (kind.Kind == "ReplicaSet" && owner?.Kind == "Deployment")
            {
                // The Deployment's template is judged; its ReplicaSets repeat (or once repeated) it.
                ns.ReplicaSetOwners[name] = owner.Name;
                _collector?.AddWorkload(kind, nsName, name, owned: true, entry.Json);
                return;
            }

            if (kind.Kind == "Job" && owner?.Kind == "CronJob")
            {
                ns.JobOwners[name] = owner.Name;
                _collector?.AddWorkload(kind, nsName, name, owned: true, entry.Json);
                return;
            }

            _collector?.AddWorkload(kind, nsName, name, owned: false, entry.Json);

            workload = new WorkloadRef(kind.Kind, name);
        }

        if (PodTemplates.From(item) is not { } template)
        {
            return;
        }

        if (!staging.TryGetValue(nsName, out var tally))
        {
            tally = new Tally(_ladder.Candidates.Length);
            staging[nsName] = tally;
        }

        judge.Judge(ns, tally, workload, name, template);
    }

    private void Report(ResourceKind kind, string? namespaceName, int count)
    {
        _objects += count;
        _progress?.Report(new ReadProgress(kind.Resource, namespaceName, _objects, _namespaces.Count));
    }
}
