using System.Net;
using System.Text.Json;
using Kubeguard.Cli.Commands;

namespace Kubeguard.Cli.Tests;

/// <summary>
/// <c>kubeguard prometheus</c> in process, over an in-memory handler that answers like a small
/// Prometheus (buildinfo and flags; everything else 404). The real-server audits are in
/// Kubeguard.PromAudit.Tests.
/// </summary>
public sealed class PrometheusCommandTests
{
    private const string BuildInfo = "{\"status\":\"success\",\"data\":{\"version\":\"3.12.0\",\"revision\":\"r\",\"branch\":\"b\",\"buildUser\":\"u\",\"buildDate\":\"d\",\"goVersion\":\"go1.25\"}}";

    private sealed class SmallPrometheus(bool adminApi) : HttpMessageHandler
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri!.PathAndQuery} auth={request.Headers.Authorization?.Scheme ?? "none"}");
            var body = request.RequestUri.AbsolutePath switch
            {
                "/api/v1/status/buildinfo" => BuildInfo,
                "/api/v1/status/flags" => $"{{\"status\":\"success\",\"data\":{{\"web.enable-admin-api\":\"{(adminApi ? "true" : "false")}\",\"web.enable-lifecycle\":\"false\",\"web.enable-remote-write-receiver\":\"false\",\"enable-feature\":\"\",\"query.max-samples\":\"1000\",\"query.timeout\":\"10s\",\"query.max-concurrency\":\"2\",\"web.max-connections\":\"10\"}}}}",
                _ => null,
            };
            return Task.FromResult(body is null
                ? new HttpResponseMessage(HttpStatusCode.NotFound)
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }

    private static PrometheusRequest Request(string url = "http://prometheus.test:9090/", string format = "table", string failOn = "high",
        string? output = null, string? basicAuthFile = null, string? bearerTokenFile = null) =>
        new(url, format, output, 5, 60, bearerTokenFile, basicAuthFile, null, false, failOn, false, null);

    private static async Task<(int Code, string Out, string Err)> RunAsync(PrometheusRequest request, HttpMessageHandler? handler = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await PrometheusCommand.RunAsync(request, output, error, handler ?? new SmallPrometheus(adminApi: true), TimeProvider.System, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_enabled_admin_api_fails_the_run_at_the_default_threshold()
    {
        var (code, output, _) = await RunAsync(Request());
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("FAIL  PROM-020 admin-api-enabled", output, StringComparison.Ordinal);
        Assert.Contains("flag web.enable-admin-api: true", output, StringComparison.Ordinal);
        Assert.Contains("PASS  PROM-021 lifecycle-api-enabled", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_never_reports_without_failing()
    {
        var (code, output, _) = await RunAsync(Request(failOn: "never"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("http://prometheus.test:9090/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_on_critical_passes_a_server_whose_worst_exposure_is_high()
    {
        var (code, _, _) = await RunAsync(Request(failOn: "critical"), new SmallPrometheus(adminApi: false));
        Assert.Equal(ExitCodes.Success, code);
    }

    [Fact]
    public async Task Json_goes_to_the_output_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, output, _) = await RunAsync(Request(format: "json", output: file, failOn: "never"));
            Assert.Equal(ExitCodes.Success, code);
            Assert.Equal("", output);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
            Assert.Equal("prometheus", json.RootElement.GetProperty("command").GetString());
            Assert.Equal("3.12.0", json.RootElement.GetProperty("properties").GetProperty("serverVersion").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Sarif_is_valid_json_with_the_probe_rules()
    {
        var (_, output, _) = await RunAsync(Request(format: "sarif"));
        using var sarif = JsonDocument.Parse(output);
        Assert.Contains(sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(),
            r => r.GetProperty("id").GetString() == "PROM-020");
    }

    [Fact]
    public async Task Basic_auth_credentials_come_from_the_file_and_are_sent_but_never_printed()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "auditor:cli-test-password\n");
        try
        {
            var handler = new SmallPrometheus(adminApi: false);
            var (_, output, error) = await RunAsync(Request(basicAuthFile: file, failOn: "never"), handler);
            Assert.Contains("GET /api/v1/status/flags auth=Basic", handler.Seen);
            Assert.Contains("GET /api/v1/status/buildinfo auth=none", handler.Seen);
            Assert.DoesNotContain("cli-test-password", output + error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("ftp://prometheus/", "table", "high", "is not an http:// or https:// URL")]
    [InlineData("http://user:pw@prometheus/", "table", "high", "put credentials in --basic-auth-file")]
    [InlineData("http://prometheus/", "yaml", "high", "unknown format 'yaml'")]
    [InlineData("http://prometheus/", "table", "severe", "unknown --fail-on 'severe'")]
    public async Task Bad_arguments_are_usage_errors_with_a_reason(string url, string format, string failOn, string message)
    {
        var (code, output, error) = await RunAsync(Request(url, format, failOn));
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("", output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_credential_file_is_an_input_error_naming_the_file()
    {
        var (code, _, error) = await RunAsync(Request(bearerTokenFile: "/nonexistent/token"));
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("--bearer-token-file /nonexistent/token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unusable_server_is_an_input_error_with_the_reason_and_a_report()
    {
        var (code, output, error) = await RunAsync(Request(), new SmallPrometheusThatRejects());
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("401 Unauthorized", error, StringComparison.Ordinal);
        Assert.Contains("input errors", output, StringComparison.Ordinal);
    }

    private sealed class SmallPrometheusThatRejects : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
    }
}
