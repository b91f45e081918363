using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Oci;

/// <summary>
/// A read-only OCI distribution client: tag resolution (HEAD, GET as fallback), manifests, blobs
/// and referrers (the API, or the <c>sha256-&lt;hex&gt;</c> tag index). It authenticates with
/// anonymous access, basic credentials or a bearer-token challenge; bounds requests in flight and
/// the size of every body; recomputes every digest; and caches content by digest (immutable).
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly SemaphoreSlim _gate;
    private readonly HashSet<string> _insecure;
    private readonly ConcurrentDictionary<Digest, byte[]> _content = new();
    private readonly ConcurrentDictionary<string, string> _authorization = new(StringComparer.Ordinal);

    /// <summary>Creates a client; <paramref name="handler"/> replaces the default HTTP stack (tests, proxies).</summary>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="RegistryClientOptions.Validate"/>).</exception>
    public RegistryClient(RegistryClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        _options = options;
        _gate = new SemaphoreSlim(options.MaxConcurrency);
        _insecure = new HashSet<string>(options.InsecureRegistries, StringComparer.OrdinalIgnoreCase);
        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("kubeguard/0.1");
    }

    /// <summary>Number of immutable items (manifests and blobs by digest) in the cache.</summary>
    public int CachedItems => _content.Count;

    /// <summary>
    /// The digest <paramref name="reference"/> names now: its written digest, or the tag resolved
    /// with one HEAD (GET when the registry gives no digest header). Call once per image and use
    /// the result from then on.
    /// </summary>
    /// <exception cref="RegistryException">The tag does not exist, or the registry failed.</exception>
    public async Task<Digest> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Digest is { } pinned)
        {
            return pinned;
        }

        var tag = reference.EffectiveTag!;
        var path = $"/v2/{reference.Repository}/manifests/{tag}";
        var head = await SendAsync(reference.Registry, reference.Repository, HttpMethod.Head, path, MediaTypes.AllManifests, 0, cancellationToken).ConfigureAwait(false);
        if (head.Status == HttpStatusCode.NotFound)
        {
            throw new RegistryException(RegistryErrorKind.NotFound, $"{reference.Name}:{tag}: tag not found");
        }

        if (head.IsSuccess && Digest.TryParse(head.ContentDigest, out var fromHeader))
        {
            return fromHeader.Value;
        }

        var get = await SendAsync(reference.Registry, reference.Repository, HttpMethod.Get, path, MediaTypes.AllManifests, _options.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(get, $"{reference.Name}:{tag}");
        var digest = Digest.Of(get.Body);
        if (get.ContentDigest is { } claimed && claimed != digest.ToString())
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{reference.Name}:{tag}: registry claims digest {claimed} but the manifest hashes to {digest}");
        }

        _content.TryAdd(digest, get.Body);
        return digest;
    }

    /// <summary>
    /// The manifest (or index) at <paramref name="tagOrDigest"/>, or null when there is none (404).
    /// By digest, the bytes must hash to it.
    /// </summary>
    /// <exception cref="RegistryException">The registry failed, or the content is malformed.</exception>
    public async Task<Manifest?> GetManifestAsync(string registry, string repository, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        var byDigest = Digest.TryParse(tagOrDigest, out var expected);
        if (byDigest && _content.TryGetValue(expected!.Value, out var cached))
        {
            return ParseManifest(cached, null, $"{registry}/{repository}@{tagOrDigest}");
        }

        var response = await SendAsync(registry, repository, HttpMethod.Get, $"/v2/{repository}/manifests/{tagOrDigest}", MediaTypes.AllManifests, _options.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        var where = $"{registry}/{repository}{(byDigest ? "@" : ":")}{tagOrDigest}";
        EnsureSuccess(response, where);
        var actual = Digest.Of(response.Body);
        if (byDigest && actual != expected!.Value)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{where}: manifest hashes to {actual}, not the requested digest");
        }

        _content.TryAdd(actual, response.Body);
        return ParseManifest(response.Body, response.ContentType, where);
    }

    /// <summary>
    /// The blob <paramref name="descriptor"/> points to, checked against its size, its digest and
    /// the blob size limit before anything parses it.
    /// </summary>
    /// <exception cref="RegistryException">Missing, oversized, or the bytes do not match the descriptor.</exception>
    public async Task<byte[]> GetBlobAsync(string registry, string repository, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_content.TryGetValue(descriptor.Digest, out var cached))
        {
            return cached;
        }

        var where = $"{registry}/{repository} blob {descriptor.Digest}";
        if (descriptor.Size > _options.MaxBlobBytes)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{where}: {descriptor.Size} bytes exceeds the {_options.MaxBlobBytes}-byte limit");
        }

        var response = await SendAsync(registry, repository, HttpMethod.Get, $"/v2/{repository}/blobs/{descriptor.Digest}", null, _options.MaxBlobBytes, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound)
        {
            throw new RegistryException(RegistryErrorKind.NotFound, $"{where}: not found");
        }

        EnsureSuccess(response, where);
        if (response.Body.Length != descriptor.Size || Digest.Of(response.Body) != descriptor.Digest)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{where}: content does not match its descriptor (size {response.Body.Length}, digest {Digest.Of(response.Body)})");
        }

        _content.TryAdd(descriptor.Digest, response.Body);
        return response.Body;
    }

    /// <summary>
    /// The referrers of <paramref name="subject"/>: from the referrers API, or, when the registry
    /// has none (404), from the index at the fallback tag <c>sha256-&lt;hex&gt;</c>. Empty when
    /// there are none; at most <see cref="RegistryClientOptions.MaxReferrers"/>.
    /// </summary>
    public async Task<IReadOnlyList<Descriptor>> GetReferrersAsync(string registry, string repository, Digest subject, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(registry, repository, HttpMethod.Get, $"/v2/{repository}/referrers/{subject}", [MediaTypes.OciIndex], _options.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        Manifest? index;
        if (response.Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            index = await GetManifestAsync(registry, repository, subject.TagForm, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            EnsureSuccess(response, $"{registry}/{repository} referrers of {subject}");
            index = ParseManifest(response.Body, response.ContentType, $"{registry}/{repository} referrers of {subject}");
        }

        return index is null ? [] : [.. index.Manifests.Take(_options.MaxReferrers)];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private static Manifest ParseManifest(byte[] body, string? contentType, string where)
    {
        try
        {
            return Manifest.Parse(body, contentType);
        }
        catch (JsonException ex)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{where}: manifest is not valid JSON ({ex.Message})", ex);
        }
    }

    private static void EnsureSuccess(Response response, string where)
    {
        if (response.IsSuccess)
        {
            return;
        }

        var kind = response.Status switch
        {
            HttpStatusCode.NotFound => RegistryErrorKind.NotFound,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => RegistryErrorKind.Unauthorized,
            _ => RegistryErrorKind.Failed,
        };
        throw new RegistryException(kind, $"{where}: registry answered {(int)response.Status} {response.Status}{ErrorCode(response.Body)}");
    }

    private static string ErrorCode(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                ? $" ({Json.String(errors[0], "code")}: {Json.String(errors[0], "message")})"
                : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    private Uri BaseUri(string registry)
    {
        var host = registry == ImageReference.DockerHub ? "registry-1.docker.io" : registry;
        return new Uri($"{(_insecure.Contains(registry) ? "http" : "https")}://{host}");
    }

    private async Task<Response> SendAsync(string registry, string repository, HttpMethod method, string path, IReadOnlyList<string>? accept, int maxBytes, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUri(registry), path);
        var authKey = $"{registry}/{repository}";
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                using var request = new HttpRequestMessage(method, uri);
                foreach (var type in accept ?? [])
                {
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
                }

                if (_authorization.TryGetValue(authKey, out var authorization))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    _authorization[authKey] = await AuthenticateAsync(registry, repository, response, timeout.Token).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}/{repository}: the registry refused the credentials (401)");
                }

                var body = method == HttpMethod.Head ? [] : await ReadBoundedAsync(response, Math.Max(maxBytes, 64 * 1024), $"{uri}", timeout.Token).ConfigureAwait(false);
                return new Response(
                    response.StatusCode,
                    response.Headers.TryGetValues("Docker-Content-Digest", out var digests) ? digests.FirstOrDefault() : null,
                    response.Content.Headers.ContentType?.MediaType,
                    body);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException(RegistryErrorKind.Timeout, $"{registry}: no answer within {_options.Timeout.TotalSeconds:0.###} s ({method} {path})", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{registry}: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, int maxBytes, string where, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new RegistryException(RegistryErrorKind.Failed, $"{where}: {response.Content.Headers.ContentLength} bytes exceeds the {maxBytes}-byte limit");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new RegistryException(RegistryErrorKind.Failed, $"{where}: body exceeds the {maxBytes}-byte limit");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private async Task<string> AuthenticateAsync(string registry, string repository, HttpResponseMessage challenge, CancellationToken cancellationToken)
    {
        var credential = _options.Credentials.For(registry, repository);
        var bearer = challenge.Headers.WwwAuthenticate.FirstOrDefault(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (bearer is null)
        {
            if (challenge.Headers.WwwAuthenticate.Any(h => h.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)) && credential is not null)
            {
                return Basic(credential);
            }

            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}/{repository}: the registry requires credentials and none are configured for it");
        }

        var parameters = AuthParameters(bearer.Parameter ?? string.Empty);
        if (!parameters.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}: bearer challenge without a usable realm");
        }

        if (realmUri.Scheme != Uri.UriSchemeHttps && !(realmUri.Scheme == Uri.UriSchemeHttp && RegistryClientOptions.IsLoopback(realmUri.Authority)))
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}: token realm {realm} is not HTTPS");
        }

        var query = new StringBuilder();
        if (parameters.TryGetValue("service", out var service))
        {
            query.Append("service=").Append(Uri.EscapeDataString(service));
        }

        var scope = parameters.GetValueOrDefault("scope") ?? $"repository:{repository}:pull";
        query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(scope));
        var builder = new UriBuilder(realmUri) { Query = string.IsNullOrEmpty(realmUri.Query) ? query.ToString() : $"{realmUri.Query.TrimStart('?')}&{query}" };
        using var request = new HttpRequestMessage(HttpMethod.Get, builder.Uri);
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Basic(credential));
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}/{repository}: token request to {realmUri.Authority} answered {(int)response.StatusCode}");
        }

        var body = await ReadBoundedAsync(response, 1024 * 1024, realm, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var token = Json.String(document.RootElement, "token") ?? Json.String(document.RootElement, "access_token");
            return string.IsNullOrEmpty(token)
                ? throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}: token response has no token")
                : $"Bearer {token}";
        }
        catch (JsonException ex)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{registry}: token response is not JSON", ex);
        }
    }

    private static string Basic(Credential credential) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));

    private static Dictionary<string, string> AuthParameters(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in AuthParameterPattern().Matches(parameter))
        {
            result[match.Groups["key"].Value] = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value;
        }

        return result;
    }

    [GeneratedRegex("""(?<key>[A-Za-z_]+)\s*=\s*(?:"(?<quoted>[^"]*)"|(?<bare>[^,\s]*))""", RegexOptions.CultureInvariant)]
    private static partial Regex AuthParameterPattern();

    private sealed record Response(HttpStatusCode Status, string? ContentDigest, string? ContentType, byte[] Body)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
    }
}
