using k8s;
using Kubeguard.Cluster.Connection;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// Lists a kind page by page (<c>limit</c>/<c>continue</c>), handing each page over as soon as it
/// arrives while the next one is fetched. A page is held as the bytes the server sent (its items
/// become models one at a time while the consumer walks it), so about two pages of JSON are in
/// memory at a time. When
/// the continue token expires (410 Gone) the list starts again from the beginning, after telling
/// the consumer to drop what it counted from the abandoned list.
/// </summary>
public sealed class PagedLister
{
    private readonly IKubernetes _client;
    private readonly string _server;
    private readonly PageBuffers _buffers = new();

    /// <summary>Creates a lister over <paramref name="client"/>.</summary>
    /// <param name="client">The KubernetesClient.</param>
    /// <param name="server">The server address, for messages.</param>
    /// <param name="pageSize">The <c>limit</c> of each list call.</param>
    public PagedLister(IKubernetes client, string server, int pageSize = 500)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        _client = client;
        _server = server;
        PageSize = pageSize;
    }

    /// <summary>The <c>limit</c> of each list call.</summary>
    public int PageSize { get; }

    /// <summary>How many times one list may start again after expired continue tokens.</summary>
    public int MaxRestarts { get; init; } = 5;

    /// <summary>How many times lists were started again because a continue token expired.</summary>
    public int Restarts { get; private set; }

    /// <summary>How many list calls were made.</summary>
    public int Requests { get; private set; }

    /// <summary>
    /// Lists <paramref name="kind"/> (in <paramref name="namespaceName"/>, or everywhere when null).
    /// Returns null when the whole list was read, or the failure that stopped it.
    /// </summary>
    /// <param name="kind">What to list.</param>
    /// <param name="namespaceName">One namespace, or null for all.</param>
    /// <param name="labelSelector">A label selector, or null.</param>
    /// <param name="onPage">Called with each page, in order.</param>
    /// <param name="onRestart">Called before the list starts again: forget every page seen so far.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public async Task<ClusterFailure?> ListAsync(
        ResourceKind kind,
        string? namespaceName,
        string? labelSelector,
        Func<ListPage, CancellationToken, ValueTask> onPage,
        Action onRestart,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(onPage);
        ArgumentNullException.ThrowIfNull(onRestart);
        var restarts = 0;
        var pending = FetchAsync(kind, namespaceName, null, labelSelector, cancellationToken);
        var first = true;
        while (true)
        {
            ListPage page;
            try
            {
                page = await pending.ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailures.Classify(ex, _server, cancellationToken) is { } failure)
            {
                if (failure.Kind != FailureKind.Expired || first || restarts >= MaxRestarts)
                {
                    return failure.Kind == FailureKind.Expired && !first
                        ? failure with { Message = $"the list of {kind.Resource} was restarted {restarts} times and its continue token kept expiring: {failure.Message}" }
                        : failure;
                }

                restarts++;
                Restarts++;
                onRestart();
                first = true;
                pending = FetchAsync(kind, namespaceName, null, labelSelector, cancellationToken);
                continue;
            }

            first = false;
            var more = !string.IsNullOrEmpty(page.Continue);
            if (more)
            {
                pending = FetchAsync(kind, namespaceName, page.Continue, labelSelector, cancellationToken);
            }

            using (page)
            {
                try
                {
                    await onPage(page, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    if (more)
                    {
                        // The page in flight gives its buffer back when it arrives; its failure, if any, is moot.
                        _ = pending.ContinueWith(static t => { if (t.IsCompletedSuccessfully) { t.Result.Dispose(); } }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    }

                    throw;
                }
            }

            if (!more)
            {
                return null;
            }
        }
    }

    private Task<ListPage> FetchAsync(ResourceKind kind, string? namespaceName, string? continueToken, string? labelSelector, CancellationToken cancellationToken)
    {
        Requests++;
        return PageFetcher.FetchAsync(_client, _buffers, kind, namespaceName, continueToken, PageSize, labelSelector, cancellationToken);
    }
}
