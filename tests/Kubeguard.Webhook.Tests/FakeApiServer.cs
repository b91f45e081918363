using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kubeguard.Webhook.Tests;

/// <summary>
/// A local HTTP server on 127.0.0.1 that speaks the Kubernetes API wire format for the calls the
/// webhook makes: list and watch namespaces (<c>GET /api/v1/namespaces[?watch=true]</c>, watch
/// events as newline-delimited JSON), get one namespace (404 with a <c>Status</c> body), and list
/// the pods of a namespace. There is no kube-apiserver on the test machines, so this stands in.
/// </summary>
public sealed class FakeApiServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, V1Namespace> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<V1Pod>> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Channel<string>> _watchers = [];
    private readonly WebApplication _app;
    private long _resourceVersion = 100;
    private int _namespaceGets;
    private int _namespaceLists;

    private FakeApiServer(WebApplication app) => _app = app;

    /// <summary>Completes when the first namespace list may be answered (lets tests observe the unsynced state).</summary>
    public TaskCompletionSource ListGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseAddress => new(_app.Urls.Single());

    public int NamespaceGets => Volatile.Read(ref _namespaceGets);

    public int NamespaceLists => Volatile.Read(ref _namespaceLists);

    public static async Task<FakeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeApiServer(app);
        app.MapGet("/api/v1/namespaces", server.ListOrWatchNamespacesAsync);
        app.MapGet("/api/v1/namespaces/{name}", server.GetNamespaceAsync);
        app.MapGet("/api/v1/namespaces/{name}/pods", server.ListPodsAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Writes a kubeconfig pointing at this server and returns its path.</summary>
    public string WriteKubeconfig(string directory)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: fake
            current-context: fake
            users:
            - name: fake
              user:
                token: test-token
            """);
        return path;
    }

    /// <summary>Adds or changes a namespace; open watches see ADDED or MODIFIED.</summary>
    public void Put(V1Namespace ns, bool notifyWatchers = true)
    {
        var type = _namespaces.ContainsKey(ns.Metadata.Name) ? "MODIFIED" : "ADDED";
        ns.Metadata.ResourceVersion = Interlocked.Increment(ref _resourceVersion).ToString(CultureInfo.InvariantCulture);
        _namespaces[ns.Metadata.Name] = ns;
        if (notifyWatchers)
        {
            var line = "{\"type\":\"" + type + "\",\"object\":" + KubernetesJson.Serialize(ns) + "}\n";
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(line);
            }
        }
    }

    public void AddPod(V1Pod pod) => _pods.GetOrAdd(pod.Metadata.NamespaceProperty, _ => []).Add(pod);

    private async Task ListOrWatchNamespacesAsync(HttpContext http)
    {
        if (http.Request.Query["watch"] == "true" || http.Request.Query["watch"] == "1")
        {
            var channel = Channel.CreateUnbounded<string>();
            _watchers.Add(channel);
            http.Response.ContentType = "application/json";
            await http.Response.StartAsync();
            await foreach (var line in channel.Reader.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync(line, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }

            return;
        }

        await ListGate.Task.WaitAsync(http.RequestAborted);
        Interlocked.Increment(ref _namespaceLists);
        var list = new V1NamespaceList
        {
            ApiVersion = "v1",
            Kind = "NamespaceList",
            Metadata = new V1ListMeta { ResourceVersion = Volatile.Read(ref _resourceVersion).ToString(CultureInfo.InvariantCulture) },
            Items = [.. _namespaces.Values],
        };
        await WriteJsonAsync(http, 200, KubernetesJson.Serialize(list));
    }

    private async Task GetNamespaceAsync(HttpContext http, string name)
    {
        Interlocked.Increment(ref _namespaceGets);
        if (_namespaces.TryGetValue(name, out var ns))
        {
            await WriteJsonAsync(http, 200, KubernetesJson.Serialize(ns));
            return;
        }

        var status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"namespaces \\\"" + name
            + "\\\" not found\",\"reason\":\"NotFound\",\"details\":{\"name\":\"" + name + "\",\"kind\":\"namespaces\"},\"code\":404}";
        await WriteJsonAsync(http, 404, status);
    }

    private async Task ListPodsAsync(HttpContext http, string name)
    {
        var list = new V1PodList
        {
            ApiVersion = "v1",
            Kind = "PodList",
            Metadata = new V1ListMeta { ResourceVersion = Volatile.Read(ref _resourceVersion).ToString(CultureInfo.InvariantCulture) },
            Items = _pods.TryGetValue(name, out var pods) ? [.. pods] : [],
        };
        await WriteJsonAsync(http, 200, KubernetesJson.Serialize(list));
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(json, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryComplete();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
