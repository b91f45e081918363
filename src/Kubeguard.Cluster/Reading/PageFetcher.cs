using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using k8s;
using Kubeguard.Cluster.Connection;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// Makes one list call through the KubernetesClient's own configured HTTP client and credentials
/// (so kubeconfig rules, client certificates, tokens and exec plugins apply unchanged) and keeps the
/// answer as bytes: the items become models only while a consumer walks the page.
/// </summary>
internal static class PageFetcher
{
    public static async Task<ListPage> FetchAsync(
        IKubernetes client, PageBuffers buffers, ResourceKind kind, string? namespaceName, string? continueToken, int limit, string? labelSelector, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("?limit=").Append(limit);
        Append(query, "continue", continueToken);
        Append(query, "labelSelector", labelSelector);
        Append(query, "fieldSelector", kind.FieldSelector);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, kind.ListPath(namespaceName) + query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if ((client as Kubernetes)?.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var http = (client as Kubernetes ?? throw new ArgumentException("the client must be a k8s.Kubernetes", nameof(client))).HttpClient;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (http.Timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(http.Timeout);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            throw new ApiStatusException(response.StatusCode, body);
        }

        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var (buffer, length) = await ReadAllAsync(stream, buffers, timeout.Token).ConfigureAwait(false);
            try
            {
                var (items, next, resourceVersion) = Index(buffer.AsSpan(0, length));
                return new ListPage(kind, buffer, buffers.Return, items, next, resourceVersion);
            }
            catch
            {
                buffers.Return(buffer);
                throw;
            }
        }
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static async Task<(byte[] Buffer, int Length)> ReadAllAsync(Stream stream, PageBuffers buffers, CancellationToken cancellationToken)
    {
        var buffer = buffers.Rent();
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    buffer = PageBuffers.Grow(buffer, length);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            buffers.Return(buffer);
            throw;
        }
    }

    // Finds metadata.continue, metadata.resourceVersion and where each element of items starts and ends.
    private static (List<(int Start, int Length)> Items, string? Continue, string? ResourceVersion) Index(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var items = new List<(int, int)>();
        string? next = null;
        string? resourceVersion = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("the answer is not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("metadata"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isContinue = reader.ValueTextEquals("continue"u8);
                    var isVersion = reader.ValueTextEquals("resourceVersion"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && (isContinue || isVersion))
                    {
                        if (isContinue)
                        {
                            next = reader.GetString();
                        }
                        else
                        {
                            resourceVersion = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = (int)reader.TokenStartIndex;
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    if (isObject)
                    {
                        items.Add((start, (int)reader.BytesConsumed - start));
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return (items, next, resourceVersion);
    }
}
