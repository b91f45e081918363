using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubeguard.PromAudit.Http;
using Kubeguard.PromAudit.Tests.Lab;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kubeguard.PromAudit.Tests;

/// <summary>
/// Bad targets end in a specific message (the report's blocker) and inconclusive findings, never an
/// exception. Each fault is served by a loopback Kestrel server.
/// </summary>
public sealed class FaultTests
{
    private const string BuildInfo = "{\"status\":\"success\",\"data\":{\"version\":\"2.42.0\",\"revision\":\"x\",\"branch\":\"x\",\"buildUser\":\"x\",\"buildDate\":\"x\",\"goVersion\":\"go1.19\"}}";

    private static async Task<AuditReport> AuditAsync(RequestDelegate handler, ClientSettings? settings = null)
    {
        await using var server = await LoopbackServer.StartAsync(handler);
        return await Audit.RunAsync(server.Uri, settings);
    }

    private static void AssertBlocked(AuditReport report, string expected)
    {
        Assert.Contains(expected, report.Blocker, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Outcome == ProbeOutcome.Exposed && f.Id.Code != "PROM-002");
        Assert.Contains(report.Findings, f => f.Outcome == ProbeOutcome.Inconclusive);
    }

    [Fact]
    public async Task A_closed_port_is_reported_as_connection_refused()
    {
        var report = await Audit.RunAsync(new Uri($"http://127.0.0.1:{PrometheusProcess.FreePort()}/"));
        AssertBlocked(report, "connection refused");
        Assert.All(report.Findings, f => Assert.Equal(ProbeOutcome.Inconclusive, f.Outcome));
        Assert.Single(report.Requests);
    }

    [Fact]
    public async Task A_server_that_hangs_is_cut_off_by_the_request_timeout()
    {
        var report = await AuditAsync(async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted),
            new ClientSettings { RequestTimeout = TimeSpan.FromMilliseconds(500) });
        AssertBlocked(report, "no complete answer within 0.5 s");
    }

    [Fact]
    public async Task A_server_that_streams_without_end_is_cut_off_by_the_size_cap()
    {
        var report = await AuditAsync(async context =>
        {
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 1024 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }, new ClientSettings { MaxResponseBytes = 256 * 1024 });
        AssertBlocked(report, "exceeded the size cap");
    }

    [Fact]
    public async Task Malformed_json_is_named_as_such()
    {
        var report = await AuditAsync(context => context.Response.WriteAsync("{\"status\":\"success\",\"data\":"));
        AssertBlocked(report, "malformed JSON");
    }

    [Fact]
    public async Task A_web_page_that_is_not_prometheus_is_named_as_such()
    {
        var report = await AuditAsync(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<html><body>It works!</body></html>");
        });
        AssertBlocked(report, "not a Prometheus API");
    }

    [Fact]
    public async Task A_forbidden_answer_names_the_credentials()
    {
        var report = await AuditAsync(context =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        AssertBlocked(report, "403 Forbidden");
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_tls_error_and_the_ca_file_fixes_it()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=prometheus.lab", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var cert = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        var caFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(caFile, cert.ExportCertificatePem());
        try
        {
            await using var server = await LoopbackServer.StartAsync(
                context => context.Response.WriteAsync(context.Request.Path == "/api/v1/status/buildinfo" ? BuildInfo : "{}"),
                listen => listen.UseHttps(cert));

            var untrusted = await Audit.RunAsync(server.Uri);
            AssertBlocked(untrusted, "TLS handshake failed");

            var trusted = await Audit.RunAsync(server.Uri, caFile: caFile);
            Assert.Equal("", trusted.Blocker);
            var transport = trusted.Findings.Single(f => f.Id.Code == "PROM-002");
            Assert.Equal(ProbeOutcome.Clear, transport.Outcome);
            Assert.Contains("certificate subject: CN=prometheus.lab", transport.Evidence);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Theory]
    [InlineData(403, ProbeOutcome.Clear)]
    [InlineData(404, ProbeOutcome.Clear)]
    [InlineData(500, ProbeOutcome.Inconclusive)]
    public async Task A_closed_config_endpoint_is_judged_by_its_status_code(int status, ProbeOutcome expected)
    {
        var report = await AuditAsync(context =>
        {
            if (context.Request.Path == "/api/v1/status/config")
            {
                context.Response.StatusCode = status;
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync(context.Request.Path == "/api/v1/status/buildinfo" ? BuildInfo : "{}");
        });
        Assert.Equal("", report.Blocker);
        Assert.Equal(expected, report.Findings.Single(f => f.Id.Code == "PROM-010").Outcome);
    }

    [Fact]
    public void Only_an_http_status_makes_an_answer_refused_never_digits_in_its_text()
    {
        Assert.False(Answer<string>.Fail("cannot reach 127.0.0.1:40433: connection refused").Refused);
        Assert.True(Answer<string>.Fail("GET /api/v1/status/config: 404 Not Found", 404).Refused);
        Assert.False(Answer<string>.Fail("GET /api/v1/status/config: 502 Bad Gateway", 502).Refused);
    }

    [Fact]
    public async Task The_audit_budget_stops_further_requests()
    {
        var report = await AuditAsync(context => context.Response.WriteAsync(context.Request.Path == "/api/v1/status/buildinfo" ? BuildInfo : "{}"),
            new ClientSettings { MaxRequests = 3 });
        Assert.Equal(3, report.Requests.Count(r => r.Failure != FailureKind.Budget));
        Assert.Contains(report.Requests, r => r.Failure == FailureKind.Budget);
    }
}
