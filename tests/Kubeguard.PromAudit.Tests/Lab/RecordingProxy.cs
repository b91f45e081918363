using System.Collections.Concurrent;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>
/// A loopback reverse proxy in front of a real Prometheus that records every request the auditor
/// sends (method, path, query and form body) before forwarding it unchanged.
/// </summary>
internal sealed class RecordingProxy : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly LoopbackServer _server;

    private RecordingProxy(LoopbackServer server) => _server = server;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Uri => _server.Uri;

    public static async Task<RecordingProxy> StartAsync(Uri upstream)
    {
        RecordingProxy? proxy = null;
        var server = await LoopbackServer.StartAsync(async context =>
        {
            var request = context.Request;
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var form = request.HasFormContentType ? System.Text.Encoding.UTF8.GetString(body.ToArray()) : "";
            proxy!.Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", form));

            using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(upstream, (request.Path.Value ?? "/").TrimStart('/') + request.QueryString.Value));
            if (body.Length > 0)
            {
                forward.Content = new ByteArrayContent(body.ToArray());
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            foreach (var name in new[] { "Authorization", "Origin", "Accept", "User-Agent" })
            {
                if (request.Headers.TryGetValue(name, out var value))
                {
                    forward.Headers.TryAddWithoutValidation(name, value.ToString());
                }
            }

            using var response = await Upstream.SendAsync(forward, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name is not ("Transfer-Encoding" or "Content-Length"))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        proxy = new RecordingProxy(server);
        return proxy;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One request seen by the proxy.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string Form);
