using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Tests.Lab;

namespace Kubeguard.PromAudit.Tests;

public sealed class RequestGateTests
{
    private static readonly Uri Base = new("http://prom.test:9090/");

    private static GateDecision Get(string pathAndQuery, Uri? baseUri = null) =>
        RequestGate.Evaluate(HttpMethod.Get, baseUri ?? Base, new Uri(baseUri ?? Base, pathAndQuery.TrimStart('/')), null);

    private static GateDecision Post(string path, params (string Key, string Value)[] form) =>
        RequestGate.Evaluate(HttpMethod.Post, Base, new Uri(Base, path.TrimStart('/')), [.. form.Select(f => KeyValuePair.Create(f.Key, f.Value))]);

    [Theory]
    [InlineData("/api/v1/status/buildinfo")]
    [InlineData("/version")]
    [InlineData("/api/v1/status/config")]
    [InlineData("/api/v1/status/flags")]
    [InlineData("/api/v1/targets?state=active")]
    [InlineData("/api/v1/targets?state=dropped&scrapePool=kubernetes-pods")]
    [InlineData("/api/v1/label/__name__/values")]
    [InlineData("/api/v1/labels")]
    [InlineData("/federate")]
    [InlineData("/debug/pprof/")]
    [InlineData("/debug/pprof/cmdline")]
    [InlineData("/api/v1/query?query=up&timeout=10s")]
    public void Allows_reads_on_the_allow_list(string path) => Assert.True(Get(path).Allowed, Get(path).Reason);

    [Theory]
    [InlineData("/api/v1/admin/tsdb/snapshot")]
    [InlineData("/api/v1/admin/tsdb/delete_series?match[]=up")]
    [InlineData("/-/quit")]
    [InlineData("/-/reload")]
    [InlineData("/api/v1/write")]
    [InlineData("/api/v1/read")]
    [InlineData("/api/v1/otlp/v1/metrics")]
    [InlineData("/debug/pprof/profile?seconds=30")]
    [InlineData("/debug/pprof/trace?seconds=5")]
    [InlineData("/debug/pprof/heap?gc=1")]
    [InlineData("/debug/pprof/goroutine?debug=2")]
    [InlineData("/federate?match[]={__name__=~\".%2B\"}")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=9999999999&step=1")]
    [InlineData("/api/v1/targets?state=any")]
    [InlineData("/api/v1/query?query=up")]
    [InlineData("/api/v1/status/../admin/tsdb/snapshot")]
    [InlineData("/graph")]
    public void Refuses_gets_outside_the_allow_list(string path) => Assert.False(Get(path).Allowed, path);

    [Fact]
    public void Allows_a_query_post_with_a_timeout() =>
        Assert.True(Post("/api/v1/query", ("query", "group by (node) (kube_node_info)"), ("timeout", "10s")).Allowed);

    [Fact]
    public void Allows_a_time_bounded_series_post() =>
        Assert.True(Post("/api/v1/series", ("match[]", "kube_pod_info"), ("start", "1"), ("end", "2")).Allowed);

    [Theory]
    [InlineData("{__name__=~\".+\"}")]
    [InlineData("rate(up[5m])")]
    [InlineData("max_over_time(up[24h:1m])")]
    public void Refuses_broad_selectors_and_range_selectors(string promql) =>
        Assert.False(Post("/api/v1/query", ("query", promql), ("timeout", "10s")).Allowed);

    [Fact]
    public void Refuses_a_query_without_a_timeout() => Assert.False(Post("/api/v1/query", ("query", "up")).Allowed);

    [Fact]
    public void Refuses_an_unbounded_series_lookup() => Assert.False(Post("/api/v1/series", ("match[]", "kube_pod_info")).Allowed);

    [Theory]
    [InlineData("/api/v1/admin/tsdb/snapshot")]
    [InlineData("/api/v1/admin/tsdb/delete_series")]
    [InlineData("/api/v1/admin/tsdb/clean_tombstones")]
    [InlineData("/-/quit")]
    [InlineData("/-/reload")]
    [InlineData("/api/v1/write")]
    [InlineData("/api/v1/read")]
    [InlineData("/api/v1/query_range")]
    [InlineData("/api/v1/status/config")]
    public void Refuses_posts_anywhere_but_the_query_endpoints(string path) =>
        Assert.False(Post(path, ("query", "up"), ("timeout", "1s")).Allowed, path);

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public void Refuses_every_other_method(string method) =>
        Assert.False(RequestGate.Evaluate(new HttpMethod(method), Base, new Uri(Base, "api/v1/status/buildinfo"), null).Allowed);

    [Fact]
    public void Refuses_other_hosts_such_as_discovered_alertmanagers() =>
        Assert.False(RequestGate.Evaluate(HttpMethod.Get, Base, new Uri("http://alertmanager.test:9093/api/v1/status/buildinfo"), null).Allowed);

    [Fact]
    public void Honours_a_route_prefix()
    {
        var prefixed = new Uri("http://prom.test/prometheus/");
        Assert.True(Get("api/v1/status/flags", prefixed).Allowed);
        Assert.False(RequestGate.Evaluate(HttpMethod.Get, prefixed, new Uri("http://prom.test/api/v1/status/flags"), null).Allowed);
    }

    [Fact]
    public async Task The_client_never_sends_a_refused_request()
    {
        var stub = new StubHandler(new Dictionary<string, ApiResponse>());
        using var client = new PrometheusClient(Base, stub, new ClientSettings());

        var admin = await client.GetAsync("/api/v1/admin/tsdb/snapshot", CancellationToken.None);
        var quit = await client.PostFormAsync("/-/quit", [], CancellationToken.None);
        var write = await client.PostFormAsync("/api/v1/write", [new("query", "up"), new("timeout", "1s")], CancellationToken.None);

        Assert.All(new[] { admin, quit, write }, r => Assert.Equal(FailureKind.Refused, r.Failure));
        Assert.Empty(stub.Seen);
        Assert.Equal(3, client.Requests.Count(r => r.Failure == FailureKind.Refused));
    }
}
