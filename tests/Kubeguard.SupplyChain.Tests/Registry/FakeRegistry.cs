using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Kubeguard.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Kubeguard.SupplyChain.Tests.Registry;

/// <summary>
/// An in-process registry on 127.0.0.1 (Kestrel, port 0) that speaks the exact OCI distribution
/// wire format, for what Debian's registry cannot do: the referrers API, basic and bearer-token
/// challenges, a hanging server, and corrupted blobs. It follows distribution 2.8 where they
/// overlap: a manifest whose media type is missing from <c>Accept</c> is a 404 MANIFEST_UNKNOWN.
/// </summary>
public sealed class FakeRegistry : IRegistryStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string MediaType)> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentBag<(Digest Digest, int Size, string ArtifactType)>> _referrers = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public string Host { get; private set; } = string.Empty;

    /// <summary>Serve <c>/v2/&lt;repo&gt;/referrers/&lt;digest&gt;</c> (OCI 1.1) instead of 404.</summary>
    public bool ReferrersApi { get; set; }

    /// <summary>Require these basic credentials on every /v2 request.</summary>
    public (string User, string Password)? Basic { get; set; }

    /// <summary>Require a bearer token from <c>/token</c>; the token endpoint requires these basic credentials when set.</summary>
    public bool Bearer { get; set; }

    public (string User, string Password)? TokenCredentials { get; set; }

    /// <summary>Leave out <c>Docker-Content-Digest</c> on manifest responses (some proxies do).</summary>
    public bool OmitDigestHeader { get; set; }

    /// <summary>Never answer /v2 requests (until the client gives up).</summary>
    public bool Hang { get; set; }

    /// <summary>Serve these bytes instead of the stored blob with this digest.</summary>
    public ConcurrentDictionary<string, byte[]> CorruptBlobs { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Requests { get; } = new();

    private int _tokensIssued;

    public int TokensIssued => _tokensIssued;

    public static async Task<FakeRegistry> StartAsync()
    {
        var registry = new FakeRegistry();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        app.Map("/token", registry.TokenAsync);
        app.Map("/v2/{**rest}", registry.HandleAsync);
        await app.StartAsync();
        registry._app = app;
        registry.Host = new Uri(app.Urls.First()).Authority;
        return registry;
    }

    public Task<Digest> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Of(content);
        _blobs[digest.ToString()] = content;
        return Task.FromResult(digest);
    }

    public Task<Digest> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        var digest = Digest.Of(manifest);
        _manifests[$"{repository}:{reference}"] = (manifest, mediaType);
        _manifests[$"{repository}:{digest}"] = (manifest, mediaType);
        var text = Encoding.UTF8.GetString(manifest);
        var subject = System.Text.Json.JsonDocument.Parse(text).RootElement;
        if (subject.TryGetProperty("subject", out var s))
        {
            var artifactType = subject.TryGetProperty("artifactType", out var a) ? a.GetString()! : string.Empty;
            _referrers.GetOrAdd($"{repository}@{s.GetProperty("digest").GetString()}", _ => []).Add((digest, manifest.Length, artifactType));
        }

        return Task.FromResult(digest);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        Requests.Enqueue($"GET /token{context.Request.QueryString}");
        if (TokenCredentials is { } expected && context.Request.Headers.Authorization.ToString() != BasicHeader(expected))
        {
            context.Response.StatusCode = 401;
            return;
        }

        Interlocked.Increment(ref _tokensIssued);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"token":"token-for-{{context.Request.Query["scope"]}}","expires_in":300}""");
    }

    private async Task HandleAsync(HttpContext context, string? rest)
    {
        var request = context.Request;
        Requests.Enqueue($"{request.Method} {request.Path} accept={request.Headers.Accept}");
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (!Authorized(context, rest ?? string.Empty))
        {
            return;
        }

        rest ??= string.Empty;
        if (rest.Length == 0)
        {
            context.Response.StatusCode = 200;
            return;
        }

        var (repository, kind, reference) = Split(rest);
        switch (kind)
        {
            case "manifests" when _manifests.TryGetValue($"{repository}:{reference}", out var manifest)
                && request.Headers.Accept.ToString().Contains(manifest.MediaType, StringComparison.Ordinal):
                context.Response.ContentType = manifest.MediaType;
                if (!OmitDigestHeader)
                {
                    context.Response.Headers["Docker-Content-Digest"] = Digest.Of(manifest.Body).ToString();
                }

                context.Response.ContentLength = manifest.Body.Length;
                if (!HttpMethods.IsHead(request.Method))
                {
                    await context.Response.Body.WriteAsync(manifest.Body);
                }

                return;
            case "blobs" when _blobs.TryGetValue(reference, out var blob):
                var served = CorruptBlobs.TryGetValue(reference, out var corrupt) ? corrupt : blob;
                context.Response.ContentType = "application/octet-stream";
                context.Response.Headers["Docker-Content-Digest"] = reference;
                await context.Response.Body.WriteAsync(served);
                return;
            case "referrers" when ReferrersApi:
                var entries = _referrers.TryGetValue($"{repository}@{reference}", out var bag) ? bag.ToArray() : [];
                context.Response.ContentType = Oci.MediaTypes.OciIndex;
                var list = string.Join(",", entries.Select(e => $$"""{"mediaType":"{{Oci.MediaTypes.OciManifest}}","digest":"{{e.Digest}}","size":{{e.Size}},"artifactType":"{{e.ArtifactType}}"}"""));
                await context.Response.WriteAsync($$"""{"schemaVersion":2,"mediaType":"{{Oci.MediaTypes.OciIndex}}","manifests":[{{list}}]}""");
                return;
            default:
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/json";
                var code = kind == "blobs" ? "BLOB_UNKNOWN" : kind == "manifests" ? "MANIFEST_UNKNOWN" : "UNSUPPORTED";
                await context.Response.WriteAsync($$$"""{"errors":[{"code":"{{{code}}}","message":"unknown","detail":{}}]}""");
                return;
        }
    }

    private bool Authorized(HttpContext context, string rest)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (Basic is { } basic && authorization != BasicHeader(basic))
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake-registry\"";
            return false;
        }

        if (Bearer)
        {
            var repository = rest.Length == 0 ? string.Empty : Split(rest).Repository;
            if (authorization != $"Bearer token-for-repository:{repository}:pull")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{Host}/token\",service=\"fake-registry\",scope=\"repository:{repository}:pull\"";
                return false;
            }
        }

        return true;
    }

    private static string BasicHeader((string User, string Password) credential) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.User}:{credential.Password}"));

    private static (string Repository, string Kind, string Reference) Split(string rest)
    {
        foreach (var kind in new[] { "manifests", "blobs", "referrers" })
        {
            var marker = $"/{kind}/";
            var at = rest.LastIndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                return (rest[..at], kind, rest[(at + marker.Length)..]);
            }
        }

        return (rest, string.Empty, string.Empty);
    }
}
