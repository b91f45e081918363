using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Kubeguard.Admission.Tests;

namespace Kubeguard.Webhook.Tests;

/// <summary>The real server over real TLS on 127.0.0.1, with the recorded AdmissionReview pairs and bad input.</summary>
public class EndpointTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private readonly HttpClient _client = fixture.Webhook.Client();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(AdmissionFixtures.Scenarios), MemberType = typeof(AdmissionFixtures))]
    public async Task Each_recorded_request_gets_its_recorded_response_over_tls(string scenario)
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, scenario + ".request.json"));

        using var response = await _client.PostAsync("/validate?timeout=10s", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        AdmissionFixtures.AssertResponse(scenario, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "request body is empty")]
    [InlineData("{{{", "request body is not a valid AdmissionReview JSON document")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"1"}}""", "expected apiVersion \"admission.k8s.io/v1\"")]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}""", "expected apiVersion \"admission.k8s.io/v1\" and kind \"AdmissionReview\"")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "AdmissionReview has no request")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"1","operation":"CREATE"}}""", "AdmissionReview request has no operation or resource")]
    public async Task Malformed_bodies_get_400_with_a_one_line_reason(string body, string reason)
    {
        using var response = await _client.PostAsync("/validate", Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_gets_400()
    {
        using var response = await _client.PostAsync("/validate", new StringContent("hello", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported Content-Type \"text/plain; charset=utf-8\"; expected application/json\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_object_that_is_not_a_pod_gets_an_admission_denial_not_an_http_error()
    {
        var body = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"not-a-pod","operation":"CREATE",
             "resource":{"group":"","version":"v1","resource":"pods"},"namespace":"restricted","name":"x",
             "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}}}
            """;

        using var response = await _client.PostAsync("/validate", Json(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"not-a-pod\"", text, StringComparison.Ordinal);
        Assert.Contains("\"message\":\"failed to decode pod\"", text, StringComparison.Ordinal);
        Assert.Contains("\"code\":400", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_3_MiB_gets_413()
    {
        var body = new ByteArrayContent(new byte[(3 * 1024 * 1024) + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = body };

        // The client waits for "100 Continue" before sending the body, so the early 413 is read
        // cleanly instead of racing the upload.
        request.Headers.ExpectContinue = true;
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("request body of 3145729 bytes exceeds the limit of 3145728 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_3_MiB_gets_413()
    {
        var content = new StreamContent(new MemoryStream(new byte[(3 * 1024 * 1024) + 4096]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_client_that_stops_sending_its_body_times_out_with_408()
    {
        // A raw TLS connection: send the headers and a few body bytes, then stall.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, fixture.Webhook.BaseAddress.Port);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        using var handler = fixture.Webhook.Certificates.Handler();
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            RemoteCertificateValidationCallback = handler.SslOptions.RemoteCertificateValidationCallback,
        });
        await tls.WriteAsync(Encoding.ASCII.GetBytes("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"apiVersion\":"));
        await tls.FlushAsync();

        using var reader = new StreamReader(tls, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("HTTP/1.1 408 Request Timeout", statusLine);
        Assert.Contains("Connection: close", rest, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\ntimed out reading the request body\n", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_and_readiness_answer_ok()
    {
        Assert.Equal("ok\n", await _client.GetStringAsync("/healthz"));
        Assert.Equal("ok\n", await _client.GetStringAsync("/readyz"));
    }

    [Theory]
    [InlineData("GET", "/validate", 405, "POST")]
    [InlineData("POST", "/healthz", 405, "GET")]
    [InlineData("PUT", "/metrics", 405, "GET")]
    [InlineData("GET", "/", 404, null)]
    [InlineData("POST", "/validate/extra", 404, null)]
    public async Task Other_methods_and_paths_get_405_or_404(string method, string path, int status, string? allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : Json("{}") };

        using var response = await _client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(allow, response.Content.Headers.Allow.Count == 0 ? null : string.Join(",", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task A_review_is_answered_with_a_content_length_not_chunked()
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, "pod-create-denied-restricted.request.json"));

        using var response = await _client.PostAsync("/validate", Json(body));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task Metrics_use_the_upstream_pod_security_names_and_labels()
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, "pod-create-denied-restricted.request.json"));
        (await _client.PostAsync("/validate", Json(body))).Dispose();
        var exempt = await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, "pod-create-exempt-user.request.json"));
        (await _client.PostAsync("/validate", Json(exempt))).Dispose();

        using var response = await _client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE pod_security_evaluations_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP pod_security_evaluations_total [ALPHA] Number of policy evaluations that occurred, not counting ignored or exempt requests.\n", text, StringComparison.Ordinal);
        Assert.Matches("""pod_security_evaluations_total\{decision="deny",mode="enforce",policy_level="restricted",policy_version="latest",request_operation="create",resource="pod",subresource=""\} [1-9][0-9]*\n""", text);
        Assert.Matches("""pod_security_exemptions_total\{request_operation="create",resource="pod",subresource=""\} [1-9][0-9]*\n""", text);
        Assert.Matches("""kubeguard_webhook_requests_total\{code="200"\} [1-9][0-9]*\n""", text);
        Assert.Contains("kubeguard_webhook_request_duration_seconds_bucket{le=\"+Inf\"}", text, StringComparison.Ordinal);
    }
}
