using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kubeguard.Admission;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook;

/// <summary>
/// Namespace labels from a cluster, kept in a cache by list + watch so that admission requests do
/// not call the API server; a namespace missing from the cache (created moments ago) is read
/// directly. Until the first list completes the source is not ready and lookups fail, so pods
/// are denied (fail closed, as Pod Security Admission does for enforce) and workloads are allowed
/// with an <c>error</c> audit annotation. Existing pods (for the namespace dry-run) are listed live.
/// </summary>
public sealed partial class KubernetesNamespaceSource : INamespaceSource, INamespaceReadiness, IAsyncDisposable
{
    /// <summary>The error while the cache is not synced.</summary>
    public const string NotSyncedError = "namespace cache is not synced yet";

    private readonly KubernetesWatchClient _client;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, NamespaceLookup> _cache = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private volatile bool _synced;

    /// <summary>Creates the source; call <see cref="Start"/> to begin syncing.</summary>
    public KubernetesNamespaceSource(KubernetesWatchClient client, ILogger logger)
    {
        _client = client;
        _logger = logger;
    }

    /// <inheritdoc/>
    public bool IsReady => _synced;

    /// <summary>Starts the list + watch loop.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <inheritdoc/>
    public async ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        if (!_synced)
        {
            return NamespaceLookup.Failed(NotSyncedError);
        }

        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        try
        {
            var ns = await _client.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            var found = StaticNamespaceSource.Lookup(ns);
            _cache[name] = found;
            return found;
        }
        catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return NamespaceLookup.NotFound(name);
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or KubernetesException)
        {
            return NamespaceLookup.Failed(ex.Message);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var list = await _client.CoreV1.ListNamespacedPodAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. list.Items ?? []];
        }
        catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or KubernetesException)
        {
            throw new NamespaceSourceException($"cannot list pods in namespace {name}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var list = await _client.CoreV1.ListNamespaceAsync(cancellationToken: stop).ConfigureAwait(false);
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var ns in list.Items ?? [])
                {
                    names.Add(ns.Metadata.Name);
                    _cache[ns.Metadata.Name] = StaticNamespaceSource.Lookup(ns);
                }

                foreach (var stale in _cache.Keys.Where(k => !names.Contains(k)).ToList())
                {
                    _cache.TryRemove(stale, out _);
                }

                if (!_synced)
                {
                    LogSynced(_logger, names.Count);
                }

                _synced = true;
                backoff = TimeSpan.FromMilliseconds(200);
                await WatchAsync(list.Metadata?.ResourceVersion, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the sync loop must survive any API failure and retry
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSyncFailed(_logger, ex.Message, backoff.TotalSeconds);
                try
                {
                    await Task.Delay(backoff, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>
    /// Watches namespaces from <paramref name="resourceVersion"/> until the server ends the watch or
    /// sends an ERROR event. The watch is a GET with <c>watch=true</c> answered with one JSON event
    /// per line.
    /// </summary>
    private async Task WatchAsync(string? resourceVersion, CancellationToken stop)
    {
        var query = "api/v1/namespaces?watch=true&allowWatchBookmarks=true&timeoutSeconds=300";
        if (!string.IsNullOrEmpty(resourceVersion))
        {
            query += "&resourceVersion=" + Uri.EscapeDataString(resourceVersion);
        }

        using var response = await _client.GetStreamAsync(query, stop).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(stop).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var reader = new StreamReader(body);
            while (await reader.ReadLineAsync(stop).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var watchEvent = JsonDocument.Parse(line);
                var type = watchEvent.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "ERROR")
                {
                    return;
                }

                if (type is not ("ADDED" or "MODIFIED" or "DELETED") || !watchEvent.RootElement.TryGetProperty("object", out var item))
                {
                    continue;
                }

                var ns = KubernetesJson.Deserialize<V1Namespace>(item);
                if (ns?.Metadata?.Name is not { } name)
                {
                    continue;
                }

                if (type == "DELETED")
                {
                    _cache.TryRemove(name, out _);
                }
                else
                {
                    _cache[name] = StaticNamespaceSource.Lookup(ns);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "namespace cache synced: {Count} namespaces")]
    private static partial void LogSynced(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "namespace list/watch failed, retrying in {Seconds}s: {Error}")]
    private static partial void LogSyncFailed(ILogger logger, string error, double seconds);
}
