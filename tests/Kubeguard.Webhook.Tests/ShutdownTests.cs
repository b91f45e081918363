using System.Net;
using System.Text;
using Kubeguard.Admission.Tests;

namespace Kubeguard.Webhook.Tests;

public class ShutdownTests
{
    [Fact]
    public async Task Stopping_finishes_a_review_in_flight_and_then_refuses_new_connections()
    {
        // Given: a review whose body is only half sent
        var webhook = await RunningWebhook.StartAsync();
        var body = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, "pod-create-denied-restricted.request.json")));
        var content = new GatedContent(body);
        using var client = webhook.Client();
        var inFlight = client.PostAsync("/validate", content);
        await content.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);

        // When: the server is asked to stop (what SIGTERM does), then the body completes
        var stopping = webhook.App.StopAsync();
        Assert.True(webhook.App.Lifetime.ApplicationStopping.IsCancellationRequested);
        content.SendRest();
        using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(10));
        var text = await response.Content.ReadAsStringAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(15));

        // Then: the in-flight review was answered in full, and nobody new gets in
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"uid\":\"11111111-0000-4000-8000-000000000001\"", text, StringComparison.Ordinal);
        Assert.Contains("\"allowed\":false", text, StringComparison.Ordinal);
        using var late = webhook.Client();
        await Assert.ThrowsAsync<HttpRequestException>(() => late.GetAsync("/healthz"));
        await webhook.DisposeAsync();
    }

    [Fact]
    public async Task A_review_that_does_not_finish_within_the_shutdown_timeout_is_cut_off_and_the_server_stops()
    {
        // Given: a shutdown timeout shorter than the body-read timeout, and a body that never completes
        var webhook = await RunningWebhook.StartAsync(o => o with { ShutdownTimeout = TimeSpan.FromSeconds(1), BodyReadTimeout = TimeSpan.FromMinutes(5) });
        var body = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(Path.Combine(AdmissionFixtures.Directory, "pod-create-denied-restricted.request.json")));
        var content = new GatedContent(body);
        using var client = webhook.Client();
        var inFlight = client.PostAsync("/validate", content);
        await content.FirstHalfSent.WaitAsync(TimeSpan.FromSeconds(10));

        // When: the server is asked to stop and the rest of the body never comes
        await webhook.App.StopAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // Then: the server stopped without waiting for the body-read timeout, and the review got no answer
        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });
        Assert.True(outcome is null or HttpRequestException or IOException or TaskCanceledException, outcome?.ToString());
        content.SendRest();
        await webhook.DisposeAsync();
    }

    /// <summary>Sends the first half of a body, then the rest when told to.</summary>
    private sealed class GatedContent(byte[] body) : HttpContent
    {
        private readonly TaskCompletionSource _firstHalf = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstHalfSent => _firstHalf.Task;

        public void SendRest() => _rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = body.Length / 2;
            await stream.WriteAsync(body.AsMemory(0, half));
            await stream.FlushAsync();
            _firstHalf.TrySetResult();
            await _rest.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await stream.WriteAsync(body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
