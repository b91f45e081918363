using System.Globalization;
using System.Text.Json;
using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Redaction;
using Kubeguard.PromAudit.Rules;

namespace Kubeguard.PromAudit;

/// <summary>
/// What probes share: the gated client, cached answers (each endpoint or query is fetched at most
/// once per audit), the secret scanner, the rules, and the host names learnt for redaction.
/// </summary>
public sealed class AuditContext
{
    private readonly Dictionary<string, Task<ApiResponse>> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Creates a context over <paramref name="client"/>.</summary>
    public AuditContext(PrometheusClient client, RiskRules rules, SecretScanner scanner, TlsObservation? tls = null)
    {
        Client = client;
        Rules = rules;
        Secrets = scanner;
        Tls = tls ?? new TlsObservation();
    }

    /// <summary>The gated client.</summary>
    public PrometheusClient Client { get; }

    /// <summary>The dated rules.</summary>
    public RiskRules Rules { get; }

    /// <summary>The secret scanner (per-report fingerprint key).</summary>
    public SecretScanner Secrets { get; }

    /// <summary>What the server's certificate said.</summary>
    public TlsObservation Tls { get; }

    /// <summary>Host names learnt during the audit (nodes, pods, ingress hosts), for <c>--redact-infra</c>.</summary>
    public ISet<string> Hosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Prometheus version the server reported, or empty.</summary>
    public string ServerVersion { get; set; } = "";

    /// <summary>When set, the server could not be used at all; every read answers with this problem.</summary>
    public string? Blocker { get; set; }

    /// <summary>Request keys touched since the last <see cref="BeginProbe"/> (for fixture recording).</summary>
    public IReadOnlyCollection<string> Touched => _touched;

    /// <summary>Every answer received so far, by request key (<c>GET path</c>, <c>ANON path</c>, <c>ORIGIN path</c>, <c>QUERY promql</c>).</summary>
    public IReadOnlyDictionary<string, ApiResponse> Answered =>
        _cache.Where(p => p.Value.IsCompletedSuccessfully).ToDictionary(p => p.Key, p => p.Value.Result, StringComparer.Ordinal);

    /// <summary>Starts tracking which requests the next probe reads.</summary>
    public void BeginProbe() => _touched.Clear();

    /// <summary>GET <paramref name="path"/>, cached for the audit.</summary>
    public Task<ApiResponse> GetAsync(string path, CancellationToken ct, long? maxBytes = null) =>
        Cached("GET " + path, () => Client.GetAsync(path, ct, maxBytes: maxBytes));

    /// <summary>GET <paramref name="path"/> without the auditor's credentials, cached.</summary>
    public Task<ApiResponse> GetAnonymousAsync(string path, CancellationToken ct) =>
        Cached("ANON " + path, () => Client.GetAsync(path, ct, anonymous: true));

    /// <summary>GET <paramref name="path"/> with an <c>Origin</c> header, cached.</summary>
    public Task<ApiResponse> GetWithOriginAsync(string path, string origin, CancellationToken ct) =>
        Cached("ORIGIN " + path, () => Client.GetAsync(path, ct, origin: origin));

    /// <summary>The <c>data</c> of a GET API answer.</summary>
    public async Task<Answer<JsonElement?>> DataAsync(string path, CancellationToken ct, long? maxBytes = null)
    {
        if (Blocker is not null)
        {
            return Answer<JsonElement?>.Fail(Blocker);
        }

        var response = await GetAsync(path, ct, maxBytes).ConfigureAwait(false);
        var data = response.TryData(out var problem);
        return data is null ? Answer<JsonElement?>.Fail($"GET {path}: {problem}", response.IsSuccess ? 0 : response.Status) : Answer<JsonElement?>.Of(data);
    }

    /// <summary>The server's flags.</summary>
    public async Task<Answer<IReadOnlyDictionary<string, string>>> FlagsAsync(CancellationToken ct)
    {
        var data = await DataAsync("/api/v1/status/flags", ct).ConfigureAwait(false);
        if (data.Value is not { ValueKind: JsonValueKind.Object } flags)
        {
            return Answer<IReadOnlyDictionary<string, string>>.Fail(data.Ok ? "flags are not an object" : data.Problem);
        }

        return Answer<IReadOnlyDictionary<string, string>>.Of(flags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal));
    }

    /// <summary>The running configuration as YAML text.</summary>
    public async Task<Answer<string>> ConfigYamlAsync(CancellationToken ct)
    {
        var data = await DataAsync("/api/v1/status/config", ct).ConfigureAwait(false);
        return data.Value is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("yaml", out var yaml) && yaml.ValueKind == JsonValueKind.String
            ? Answer<string>.Of(yaml.GetString()!)
            : Answer<string>.Fail(data.Ok ? "the config answer has no yaml" : data.Problem, data.HttpStatus);
    }

    /// <summary>Active (or dropped) targets.</summary>
    public async Task<Answer<IReadOnlyList<ScrapeTarget>>> TargetsAsync(string state, CancellationToken ct, string? pool = null)
    {
        var path = $"/api/v1/targets?state={state}" + (pool is null ? "" : "&scrapePool=" + Uri.EscapeDataString(pool));
        var data = await DataAsync(path, ct, Client.Settings.MaxTargetsBytes).ConfigureAwait(false);
        var member = state == "dropped" ? "droppedTargets" : "activeTargets";
        if (data.Value is not { ValueKind: JsonValueKind.Object } d || !d.TryGetProperty(member, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Answer<IReadOnlyList<ScrapeTarget>>.Fail(data.Ok ? $"the targets answer has no {member}" : data.Problem);
        }

        var targets = list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.Object).Select(t => new ScrapeTarget(
            Str(t, "scrapePool") is { Length: > 0 } p ? p : Labels(t, "discoveredLabels").GetValueOrDefault("job", ""),
            Labels(t, "discoveredLabels"), Labels(t, "labels"),
            Str(t, "scrapeUrl"), Str(t, "globalUrl"), Str(t, "lastError"), Str(t, "health"))).ToList();
        return Answer<IReadOnlyList<ScrapeTarget>>.Of(targets);
    }

    /// <summary>Runs an instant PromQL query with a POST form (read-only, server-side timeout).</summary>
    public async Task<Answer<IReadOnlyList<Series>>> QueryAsync(string promql, CancellationToken ct)
    {
        if (Blocker is not null)
        {
            return Answer<IReadOnlyList<Series>>.Fail(Blocker);
        }

        var timeout = Math.Max(1, (int)Client.Settings.RequestTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        var response = await Cached("QUERY " + promql, () => Client.PostFormAsync("/api/v1/query", [new("query", promql), new("timeout", timeout)], ct)).ConfigureAwait(false);
        var data = response.TryData(out var problem);
        if (data is not { ValueKind: JsonValueKind.Object } d || !d.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
        {
            return Answer<IReadOnlyList<Series>>.Fail(data is null ? $"query {promql}: {problem}" : $"query {promql}: no result array");
        }

        var series = result.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).Select(s => new Series(
            Labels(s, "metric"),
            s.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 2
                && double.TryParse(v[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN)).ToList();
        return Answer<IReadOnlyList<Series>>.Of(series);
    }

    /// <summary>Metric names known to the server.</summary>
    public async Task<Answer<IReadOnlyList<string>>> StringListAsync(string path, CancellationToken ct)
    {
        var data = await DataAsync(path, ct).ConfigureAwait(false);
        return data.Value is { ValueKind: JsonValueKind.Array } list
            ? Answer<IReadOnlyList<string>>.Of(list.EnumerateArray().Select(e => e.ToString()).ToList())
            : Answer<IReadOnlyList<string>>.Fail(data.Ok ? $"GET {path}: not a list" : data.Problem);
    }

    /// <summary>Remembers a host name for <c>--redact-infra</c>.</summary>
    public void NoteHost(string? host)
    {
        if (!string.IsNullOrWhiteSpace(host))
        {
            Hosts.Add(host);
        }
    }

    private Task<ApiResponse> Cached(string key, Func<Task<ApiResponse>> fetch)
    {
        _touched.Add(key);
        if (!_cache.TryGetValue(key, out var task))
        {
            task = fetch();
            _cache[key] = task;
        }

        return task;
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static Dictionary<string, string> Labels(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
