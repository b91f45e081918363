using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Testing.KubeApi;

/// <summary>
/// A local stand-in for kube-apiserver, listening only on 127.0.0.1, that speaks the Kubernetes
/// API wire format for the calls Kubeguard makes: <c>/version</c>; list with <c>limit</c>,
/// <c>continue</c>, <c>labelSelector</c>, <c>fieldSelector</c> (the fields kube-apiserver accepts:
/// <c>metadata.name</c>, <c>metadata.namespace</c>, and a Secret's <c>type</c>) and
/// <c>resourceVersion</c> for any registered resource,
/// cluster-wide and per namespace; GET of one object; bearer-token authentication (401
/// <c>Status</c>); RBAC denials per resource and namespace (403 <c>Status</c> worded as the real
/// authorizer words them); expired continue tokens (410 <c>Status</c>, reason <c>Expired</c>);
/// and slow responses. Further routes (e.g. a subresource) are added with <see cref="Map"/>.
/// </summary>
public sealed class FakeKubeApiServer : IAsyncDisposable
{
    /// <summary>The text kube-apiserver sends with a 410 for an expired continue token.</summary>
    public const string ExpiredContinueMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue value from the response.";

    private readonly ConcurrentDictionary<string, Resource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Resource, string Namespace), bool> _forbidden = new();
    private readonly List<(string Method, string Path, Func<HttpContext, Task> Handler)> _routes = [];
    private readonly WebApplication _app;
    private long _resourceVersion = 1000;
    private int _expireContinues;

    private FakeKubeApiServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>The bearer token the server accepts; any other (or none) gets 401.</summary>
    public string Token { get; set; } = "kubeguard-test-token";

    /// <summary>The user named in 403 messages.</summary>
    public string User { get; set; } = "system:serviceaccount:kubeguard:auditor";

    /// <summary>The answer to <c>/version</c>: major and minor, e.g. (1, 36); null answers 404.</summary>
    public (int Major, int Minor)? Version { get; set; } = (1, 36);

    /// <summary>Added before every answer, to act as a slow server.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request, as <c>METHOD path?query</c>, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Starts a server on 127.0.0.1 at a free port.</summary>
    public static async Task<FakeKubeApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeKubeApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>Serves <paramref name="source"/> as <c>group/version/resource</c> (group empty for the core API).</summary>
    public void Serve(string group, string version, string resource, string listKind, FakeObjectSource source) =>
        _resources[resource] = new Resource(group, version, resource, listKind, source);

    /// <summary>Serves core-group objects (namespaces, pods, …).</summary>
    public FakeObjects Core(string resource, string listKind)
    {
        var objects = new FakeObjects();
        Serve("", "v1", resource, listKind, objects);
        return objects;
    }

    /// <summary>
    /// Serves every recorded list in <paramref name="directory"/>: each <c>&lt;resource&gt;.json</c> is a
    /// <c>…List</c> as <c>kubectl get &lt;resource&gt; -A -o json</c> prints it; its <c>apiVersion</c> gives the group.
    /// </summary>
    public void ServeRecordedLists(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.json"))
        {
            var list = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var apiVersion = list["apiVersion"]!.GetValue<string>();
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var objects = new FakeObjects();
            foreach (var item in list["items"]!.AsArray())
            {
                objects.Add(item!.DeepClone().AsObject());
            }

            Serve(
                slash < 0 ? "" : apiVersion[..slash],
                slash < 0 ? apiVersion : apiVersion[(slash + 1)..],
                Path.GetFileNameWithoutExtension(file),
                list["kind"]!.GetValue<string>(),
                objects);
        }
    }

    /// <summary>
    /// RBAC: reading <paramref name="resource"/> is forbidden in <paramref name="namespaceName"/>; null forbids only
    /// the cluster-scope list (namespaced reads stay allowed, as with per-namespace RoleBindings); <c>*</c> forbids
    /// everywhere. As with real RBAC, a resource forbidden in any namespace cannot be listed cluster-wide either.
    /// </summary>
    public void Forbid(string resource, string? namespaceName = null) => _forbidden[(resource, namespaceName ?? string.Empty)] = true;

    /// <summary>The next <paramref name="count"/> list requests that carry a continue token get 410 Gone.</summary>
    public void ExpireNextContinueTokens(int count) => Interlocked.Exchange(ref _expireContinues, count);

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (exact, or ending in <c>*</c> for a prefix) before the built-in routes.</summary>
    public void Map(string method, string path, Func<HttpContext, Task> handler)
    {
        lock (_routes)
        {
            _routes.Add((method, path, handler));
        }
    }

    /// <summary>Writes a kubeconfig for this server into <paramref name="directory"/> and returns its path.</summary>
    public string WriteKubeconfig(string directory, string? token = null, string context = "fake")
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: fake
              cluster:
                server: {BaseAddress.ToString().TrimEnd('/')}
            users:
            - name: auditor
              user:
                token: {token ?? Token}
            contexts:
            - name: {context}
              context:
                cluster: fake
                user: auditor
            current-context: {context}
            """);
        return path;
    }

    /// <summary>A <c>Status</c> body as kube-apiserver writes it.</summary>
    public static string Status(int code, string reason, string message, string? detailsKind = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new Dictionary<string, object>(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["details"] = detailsKind is null ? null : new Dictionary<string, string> { ["kind"] = detailsKind },
            ["code"] = code,
        }, StatusJson.Options);

    /// <summary>Writes a JSON answer.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int code, string json)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await WriteJsonAsync(context, 401, Status(401, "Unauthorized", "Unauthorized")).ConfigureAwait(false);
            return;
        }

        var path = request.Path.Value ?? "/";
        foreach (var (method, pattern, handler) in Snapshot())
        {
            if (method == request.Method && (pattern == path || (pattern.EndsWith('*') && path.StartsWith(pattern[..^1], StringComparison.Ordinal))))
            {
                await handler(context).ConfigureAwait(false);
                return;
            }
        }

        if (path.TrimEnd('/') == "/version" && Version is { } v)
        {
            await WriteJsonAsync(context, 200, JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["major"] = v.Major.ToString(CultureInfo.InvariantCulture),
                ["minor"] = v.Minor.ToString(CultureInfo.InvariantCulture),
                ["gitVersion"] = $"v{v.Major}.{v.Minor}.0",
                ["platform"] = "linux/amd64",
            })).ConfigureAwait(false);
            return;
        }

        if (request.Method == "GET" && Route(path) is { } route)
        {
            await (route.Name is null ? ListAsync(context, route) : GetAsync(context, route)).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 404, Status(404, "NotFound", "the server could not find the requested resource", "")).ConfigureAwait(false);
    }

    private (string Method, string Path, Func<HttpContext, Task> Handler)[] Snapshot()
    {
        lock (_routes)
        {
            return [.. _routes];
        }
    }

    private RouteMatch? Route(string path)
    {
        var parts = path.Trim('/').Split('/');
        int start;
        if (parts.Length >= 3 && parts[0] == "api" && parts[1] == "v1")
        {
            start = 2;
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            start = 3;
        }
        else
        {
            return null;
        }

        var rest = parts[start..];
        RouteMatch? match = rest switch
        {
            ["namespaces", var ns, var resource] => new RouteMatch(resource, ns, null),
            ["namespaces", var ns, var resource, var name] => new RouteMatch(resource, ns, name),
            [var resource] => new RouteMatch(resource, null, null),
            [var resource, var name] => new RouteMatch(resource, null, name),
            _ => null,
        };
        return match is not null && _resources.TryGetValue(match.Resource, out var served) && GroupMatches(served, parts, start) ? match : null;
    }

    private static bool GroupMatches(Resource served, string[] parts, int start) =>
        start == 2 ? served.Group.Length == 0 : served.Group == parts[1] && served.Version == parts[2];

    private async Task ListAsync(HttpContext context, RouteMatch route)
    {
        var resource = _resources[route.Resource];
        if (IsForbidden(route.Resource, route.Namespace))
        {
            await WriteJsonAsync(context, 403, Forbidden(resource, route.Namespace)).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var start = 0;
        string resourceVersion;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            if (Interlocked.Decrement(ref _expireContinues) >= 0 || !ContinueToken.TryRead(token, out resourceVersion, out start))
            {
                await WriteJsonAsync(context, 410, Status(410, "Expired", ExpiredContinueMessage)).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            resourceVersion = Interlocked.Increment(ref _resourceVersion).ToString(CultureInfo.InvariantCulture);
        }

        var items = resource.Source.Items(route.Namespace, query["labelSelector"]);
        if (query["fieldSelector"].ToString() is { Length: > 0 } fieldSelector)
        {
            if (FieldSelector.Unsupported(route.Resource, fieldSelector) is { } label)
            {
                await WriteJsonAsync(context, 400, Status(400, "BadRequest", $"field label not supported: {label}")).ConfigureAwait(false);
                return;
            }

            items = FieldSelector.Filter(items, fieldSelector);
        }

        var end = (int)Math.Min(items.Count, (long)start + limit);
        var next = end < items.Count ? ContinueToken.Write(resourceVersion, end) : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var head = new StringBuilder()
            .Append("{\"kind\":\"").Append(resource.ListKind).Append("\",\"apiVersion\":\"").Append(resource.ApiVersion)
            .Append("\",\"metadata\":{\"resourceVersion\":\"").Append(resourceVersion).Append('"');
        if (next is not null)
        {
            head.Append(",\"continue\":\"").Append(next).Append("\",\"remainingItemCount\":").Append(items.Count - end);
        }

        head.Append("},\"items\":[");
        var body = context.Response.Body;
        await body.WriteAsync(Encoding.UTF8.GetBytes(head.ToString())).ConfigureAwait(false);
        for (var i = start; i < end; i++)
        {
            if (i > start)
            {
                await body.WriteAsync(Comma).ConfigureAwait(false);
            }

            await body.WriteAsync(items[i]).ConfigureAwait(false);
        }

        await body.WriteAsync(Close).ConfigureAwait(false);
    }

    private async Task GetAsync(HttpContext context, RouteMatch route)
    {
        var resource = _resources[route.Resource];
        var ns = route.Namespace;
        if (ns is null && route.Resource == "namespaces")
        {
            ns = string.Empty;
        }

        if (IsForbidden(route.Resource, route.Namespace ?? (route.Resource == "namespaces" ? route.Name : null)))
        {
            await WriteJsonAsync(context, 403, Forbidden(resource, route.Namespace, "get", route.Name)).ConfigureAwait(false);
            return;
        }

        if (resource.Source.Find(ns, route.Name!) is { } json)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(json).ConfigureAwait(false);
            return;
        }

        var qualified = resource.Group.Length == 0 ? resource.Name : resource.Name + "." + resource.Group;
        await WriteJsonAsync(context, 404, Status(404, "NotFound", $"{qualified} \"{route.Name}\" not found", resource.Name)).ConfigureAwait(false);
    }

    private bool IsForbidden(string resource, string? namespaceName) =>
        namespaceName is null
            ? _forbidden.Keys.Any(k => k.Resource == resource)
            : _forbidden.ContainsKey((resource, namespaceName)) || _forbidden.ContainsKey((resource, "*"));

    private string Forbidden(Resource resource, string? namespaceName, string verb = "list", string? name = null)
    {
        var qualified = resource.Group.Length == 0 ? resource.Name : resource.Name + "." + resource.Group;
        var subject = name is null ? qualified : $"{qualified} \"{name}\"";
        var scope = namespaceName is null ? "at the cluster scope" : $"in the namespace \"{namespaceName}\"";
        return Status(403, "Forbidden", $"{subject} is forbidden: User \"{User}\" cannot {verb} resource \"{resource.Name}\" in API group \"{resource.Group}\" {scope}", resource.Name);
    }

    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Close = "]}"u8.ToArray();

    private sealed record Resource(string Group, string Version, string Name, string ListKind, FakeObjectSource Source)
    {
        public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    }

    private sealed record RouteMatch(string Resource, string? Namespace, string? Name);
}
