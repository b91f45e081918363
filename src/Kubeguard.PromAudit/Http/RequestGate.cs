using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Http;

/// <summary>
/// The one place that decides whether a request may leave the auditor. It is an allow-list:
/// GET on read-only status, metadata, label, target, rule and alert endpoints, <c>/federate</c>
/// without <c>match[]</c>, the pprof index and <c>cmdline</c>, and read-only query POSTs with a
/// form body to <c>/api/v1/query</c>, <c>/api/v1/series</c> (time-bounded) and
/// <c>/api/v1/labels</c>. Everything else is refused: other methods, other hosts, the admin,
/// lifecycle, remote-write, remote-read and OTLP endpoints, CPU profiles and traces, broad
/// selectors and range queries.
/// </summary>
public static partial class RequestGate
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> GetPaths = new Dictionary<string, FrozenSet<string>>
    {
        ["/api/v1/status/buildinfo"] = Keys(),
        ["/version"] = Keys(),
        ["/api/v1/status/config"] = Keys(),
        ["/api/v1/status/flags"] = Keys(),
        ["/api/v1/status/runtimeinfo"] = Keys(),
        ["/api/v1/status/tsdb"] = Keys(),
        ["/api/v1/targets"] = Keys("state", "scrapePool"),
        ["/api/v1/scrape_pools"] = Keys(),
        ["/api/v1/rules"] = Keys("type"),
        ["/api/v1/alerts"] = Keys(),
        ["/api/v1/alertmanagers"] = Keys(),
        ["/api/v1/labels"] = Keys("start", "end"),
        ["/api/v1/query"] = Keys("query", "time", "timeout"),
        ["/federate"] = Keys(),
        ["/debug/pprof/"] = Keys(),
        ["/debug/pprof/cmdline"] = Keys(),
        ["/-/healthy"] = Keys(),
        ["/-/ready"] = Keys(),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, FrozenSet<string>> PostPaths = new Dictionary<string, FrozenSet<string>>
    {
        ["/api/v1/query"] = Keys("query", "time", "timeout"),
        ["/api/v1/series"] = Keys("match[]", "start", "end"),
        ["/api/v1/labels"] = Keys("match[]", "start", "end"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Decides whether <paramref name="method"/> on <paramref name="requestUri"/> may be sent.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="baseUri">The audited server's base URL (scheme, host, port, optional route prefix).</param>
    /// <param name="requestUri">The absolute request URL.</param>
    /// <param name="form">The form body of a POST; null for GET.</param>
    public static GateDecision Evaluate(HttpMethod method, Uri baseUri, Uri requestUri, IReadOnlyList<KeyValuePair<string, string>>? form)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(requestUri);

        if (!requestUri.IsAbsoluteUri || Uri.Compare(baseUri, requestUri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return GateDecision.Refuse("only the audited server may be contacted");
        }

        var prefix = baseUri.AbsolutePath.TrimEnd('/');
        var path = requestUri.AbsolutePath;
        if (!path.StartsWith(prefix + "/", StringComparison.Ordinal) || path.Contains("..", StringComparison.Ordinal) || path.Contains('%', StringComparison.Ordinal))
        {
            return GateDecision.Refuse("path outside the server's route prefix");
        }

        path = path[prefix.Length..];
        var query = ParseQuery(requestUri.Query);

        if (method == HttpMethod.Get)
        {
            if (form is not null)
            {
                return GateDecision.Refuse("GET with a body");
            }

            var allowed = GetPaths.TryGetValue(path, out var keys) ? keys
                : LabelValuesPath().IsMatch(path) ? Keys("start", "end")
                : null;
            if (allowed is null)
            {
                return GateDecision.Refuse($"GET {path} is not on the read-only allow-list");
            }

            return CheckParameters(path, query, allowed);
        }

        if (method == HttpMethod.Post)
        {
            if (!PostPaths.TryGetValue(path, out var keys))
            {
                return GateDecision.Refuse($"POST {path} is not a read-only query endpoint");
            }

            if (query.Count > 0)
            {
                return GateDecision.Refuse("a query POST carries its parameters in the form body");
            }

            return form is null ? GateDecision.Refuse("a query POST needs a form body") : CheckParameters(path, form, keys);
        }

        return GateDecision.Refuse($"method {method} is never sent");
    }

    private static GateDecision CheckParameters(string path, IReadOnlyList<KeyValuePair<string, string>> parameters, FrozenSet<string> allowed)
    {
        foreach (var (key, _) in parameters)
        {
            if (!allowed.Contains(key))
            {
                return GateDecision.Refuse($"parameter '{key}' is not allowed on {path}");
            }
        }

        string? Value(string key) => parameters.FirstOrDefault(p => p.Key == key).Value;

        switch (path)
        {
            case "/api/v1/query" when Value("query") is not { Length: > 0 } promql:
                return GateDecision.Refuse("a query needs a PromQL expression");
            case "/api/v1/query" when Value("timeout") is null:
                return GateDecision.Refuse("every query carries a timeout");
            case "/api/v1/query" when IsBroad(Value("query")!):
                return GateDecision.Refuse("broad selectors and range selectors are never queried");
            case "/api/v1/series" when Value("start") is null || Value("end") is null || !parameters.Any(p => p.Key == "match[]"):
                return GateDecision.Refuse("a series lookup needs match[], start and end");
            case "/api/v1/series" when parameters.Where(p => p.Key == "match[]").Any(p => IsBroad(p.Value)):
                return GateDecision.Refuse("broad selectors are never queried");
            case "/api/v1/targets" when Value("state") is { } state && state is not ("active" or "dropped"):
                return GateDecision.Refuse("targets are read per state (active or dropped)");
            default:
                return GateDecision.Allow;
        }
    }

    /// <summary>True for <c>__name__</c> matchers, range selectors and subqueries.</summary>
    private static bool IsBroad(string promql) =>
        promql.Contains("__name__", StringComparison.Ordinal) || promql.Contains('[', StringComparison.Ordinal);

    private static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            result.Add(new(key, value));
        }

        return result;
    }

    private static FrozenSet<string> Keys(params string[] keys) => keys.ToFrozenSet(StringComparer.Ordinal);

    [GeneratedRegex("^/api/v1/label/[a-zA-Z_][a-zA-Z0-9_]*/values$")]
    private static partial Regex LabelValuesPath();
}
