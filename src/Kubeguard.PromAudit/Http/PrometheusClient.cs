using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Kubeguard.PromAudit.Http;

/// <summary>
/// Talks to the audited server. Every request passes <see cref="RequestGate"/> first, runs under a
/// per-request timeout and the audit's time and request budget, is read under a size cap, and
/// follows no redirects. Faults come back as <see cref="ApiResponse"/> values, never as exceptions.
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ClientSettings _settings;
    private readonly List<RequestRecord> _log = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Creates a client for <paramref name="baseUri"/> over <paramref name="handler"/> (which must not follow redirects).</summary>
    public PrometheusClient(Uri baseUri, HttpMessageHandler handler, ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(settings);
        BaseUri = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        _settings = settings;
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The server's base URL, ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request made or refused, in order.</summary>
    public IReadOnlyList<RequestRecord> Requests => _log;

    /// <summary>The settings in force.</summary>
    public ClientSettings Settings => _settings;

    /// <summary>GET <paramref name="pathAndQuery"/> (relative to the base URL, starting with '/').</summary>
    public Task<ApiResponse> GetAsync(string pathAndQuery, CancellationToken cancellationToken, bool anonymous = false, long? maxBytes = null, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var request = new HttpRequestMessage(HttpMethod.Get, Resolve(pathAndQuery));
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return SendAsync(request, null, anonymous, maxBytes ?? _settings.MaxResponseBytes, cancellationToken);
    }

    /// <summary>POST a read-only query form to <paramref name="path"/>.</summary>
    public Task<ApiResponse> PostFormAsync(string path, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(form);
        var request = new HttpRequestMessage(HttpMethod.Post, Resolve(path)) { Content = new FormUrlEncodedContent(form) };
        return SendAsync(request, form, false, _settings.MaxResponseBytes, cancellationToken);
    }

    private Uri Resolve(string pathAndQuery) => new(BaseUri, pathAndQuery.TrimStart('/'));

    private async Task<ApiResponse> SendAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>>? form, bool anonymous, long maxBytes, CancellationToken cancellationToken)
    {
        using var _ = request;
        var method = request.Method.Method;
        var pathAndQuery = request.RequestUri!.PathAndQuery;

        var decision = RequestGate.Evaluate(request.Method, BaseUri, request.RequestUri, form);
        if (!decision.Allowed)
        {
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Refused, $"refused by the request gate: {decision.Reason}"));
        }

        var remaining = _settings.AuditBudget - _clock.Elapsed;
        if (_log.Count(r => r.Failure != FailureKind.Refused) >= _settings.MaxRequests || remaining <= TimeSpan.Zero)
        {
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Budget, "the audit's request or time budget is used up"));
        }

        request.Headers.UserAgent.ParseAdd(_settings.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!anonymous && _settings.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var timeout = remaining < _settings.RequestTimeout ? remaining : _settings.RequestTimeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token).ConfigureAwait(false);
            var (body, truncated) = await ReadCappedAsync(response, maxBytes, timer.Token).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { "WWW-Authenticate", "Access-Control-Allow-Origin", "Content-Type", "Location" })
            {
                if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                {
                    headers[name.ToLowerInvariant()] = string.Join(", ", values);
                }
            }

            return Record(method, pathAndQuery, new ApiResponse((int)response.StatusCode, FailureKind.None, "", body, truncated, headers));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Timeout, $"no complete answer within {timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException || ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Tls, $"TLS handshake failed: {Innermost(ex)} (use --ca-file, or --insecure-skip-tls-verify for a lab)"));
        }
        catch (HttpRequestException ex)
        {
            var what = ex.InnerException is SocketException socket ? socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
                SocketError.HostNotFound or SocketError.NoData => "host name not found",
                SocketError.TimedOut => "connection timed out",
                _ => socket.Message,
            } : Innermost(ex);
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Connection, $"cannot reach {BaseUri.Authority}: {what}"));
        }
        catch (IOException ex)
        {
            return Record(method, pathAndQuery, ApiResponse.Failed(FailureKind.Connection, $"the connection broke: {ex.Message}"));
        }
    }

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    private static async Task<(byte[] Body, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer.ToArray(), false);
            }

            if (buffer.Length + read > maxBytes)
            {
                buffer.Write(chunk, 0, (int)(maxBytes - buffer.Length));
                return (buffer.ToArray(), true);
            }

            buffer.Write(chunk, 0, read);
        }
    }

    private ApiResponse Record(string method, string pathAndQuery, ApiResponse response)
    {
        _log.Add(new RequestRecord(method, pathAndQuery, response.Status, response.Failure));
        return response;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();
}
