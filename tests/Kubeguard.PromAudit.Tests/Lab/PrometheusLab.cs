using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>
/// Two real Prometheus servers, started once per test run: an exposed one (admin, lifecycle and
/// remote-write receiver on; secrets planted in scrape params and headers; kube-state-metrics,
/// node-exporter, API-server and application metrics served from recorded exposition files by a
/// loopback exporter) and a hardened one (basic auth through --web.config.file, tight query
/// guards, a single CORS origin). Each sits behind a recording proxy; the audits run once here.
/// </summary>
public sealed class PrometheusLab : IAsyncLifetime
{
    public const string User = "auditor";
    public const string Password = "lab-password";

    private readonly string _dir = Directory.CreateTempSubdirectory("kubeguard-prom-lab-").FullName;
    private LoopbackServer? _exporter;
    private PrometheusProcess? _exposed;
    private PrometheusProcess? _hardened;

    internal RecordingProxy ExposedProxy { get; private set; } = null!;

    internal RecordingProxy HardenedProxy { get; private set; } = null!;

    public AuditReport ExposedReport { get; private set; } = null!;

    public AuditReport HardenedAnonymousReport { get; private set; } = null!;

    public AuditReport HardenedAuthenticatedReport { get; private set; } = null!;

    public Uri ExposedUri => _exposed!.Uri;

    public async Task InitializeAsync()
    {
        _exporter = await LoopbackServer.StartAsync(ServeExposition);
        var exposedPort = PrometheusProcess.FreePort();
        var hardenedPort = PrometheusProcess.FreePort();
        var closedPort = PrometheusProcess.FreePort();
        foreach (var file in new[] { "rules.yml", "web.yml", "self-scrape-credential" })
        {
            File.Copy(Path.Combine(Paths.LabFiles, file), Path.Combine(_dir, file));
        }

        string Config(string name, int promPort)
        {
            var text = File.ReadAllText(Path.Combine(Paths.LabFiles, name))
                .Replace("{{LAB}}", _dir, StringComparison.Ordinal)
                .Replace("{{PROM_PORT}}", promPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{EXPORTER_PORT}}", _exporter.Uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{CLOSED_PORT}}", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, text);
            return path;
        }

        _exposed = PrometheusProcess.Start(_dir, exposedPort, Config("exposed.yml", exposedPort), Path.Combine(_dir, "data-exposed"),
            "--web.enable-admin-api", "--web.enable-lifecycle", "--web.enable-remote-write-receiver");
        _hardened = PrometheusProcess.Start(_dir, hardenedPort, Config("hardened.yml", hardenedPort), Path.Combine(_dir, "data-hardened"),
            $"--web.config.file={Path.Combine(_dir, "web.yml")}", "--web.cors.origin=https://grafana\\.example\\.internal",
            "--query.max-samples=5000000", "--query.timeout=30s", "--query.max-concurrency=4", "--web.max-connections=64");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await _exposed.WaitUntilAsync("every scrape target up, the self-scrape and the alert evaluated", async () =>
        {
            var up = await QueryValueAsync(http, _exposed.Uri, "count(up == 1) + 0 * count(prometheus_sd_discovered_targets) + 0 * count(ALERTS{alertstate=\"firing\"})", null);
            return up == "6";
        }, TimeSpan.FromSeconds(40));
        await _hardened.WaitUntilAsync("the self-scrape through basic auth", async () =>
            await QueryValueAsync(http, _hardened.Uri, "count(up == 1)", $"{User}:{Password}") == "1", TimeSpan.FromSeconds(40));

        ExposedProxy = await RecordingProxy.StartAsync(_exposed.Uri);
        HardenedProxy = await RecordingProxy.StartAsync(_hardened.Uri);

        var recorder = FixtureStore.UpdateRequested ? new FixtureStore(_dir) : null;
        ExposedReport = await Audit.RunAsync(ExposedProxy.Uri, afterProbe: recorder?.Recorder("open-server"));
        HardenedAuthenticatedReport = await Audit.RunAsync(HardenedProxy.Uri, Audit.Basic(User, Password), afterProbe: recorder?.Recorder("basic-auth-with-credentials"));
        HardenedAnonymousReport = await Audit.RunAsync(HardenedProxy.Uri, afterProbe: recorder?.Recorder("basic-auth-without-credentials"));
    }

    private static async Task<string?> QueryValueAsync(HttpClient http, Uri server, string promql, string? basic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/v1/query"))
        {
            Content = new FormUrlEncodedContent([new("query", promql)]),
        };
        if (basic is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basic)));
        }

        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
    }

    private static async Task ServeExposition(HttpContext context)
    {
        var name = Path.GetFileName(context.Request.Path.Value ?? "");
        var file = Path.Combine(Paths.LabFiles, name);
        if (!name.EndsWith(".txt", StringComparison.Ordinal) || !File.Exists(file))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.SendFileAsync(file);
    }

    public async Task DisposeAsync()
    {
        foreach (var d in new IAsyncDisposable?[] { ExposedProxy, HardenedProxy, _exposed, _hardened, _exporter })
        {
            if (d is not null)
            {
                await d.DisposeAsync();
            }
        }

        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusLabGroup : ICollectionFixture<PrometheusLab>
{
    public const string Name = "real Prometheus lab";
}
