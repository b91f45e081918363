namespace Kubeguard.Webhook.Tests;

public class AdmissionMetricsTests
{
    [Fact]
    public void The_latency_histogram_is_cumulative_and_its_count_matches_the_infinite_bucket()
    {
        var metrics = new AdmissionMetrics();

        metrics.RecordRequest(200, TimeSpan.FromMilliseconds(0.05));
        metrics.RecordRequest(200, TimeSpan.FromMilliseconds(3));
        metrics.RecordRequest(400, TimeSpan.FromMilliseconds(5));
        metrics.RecordRequest(200, TimeSpan.FromSeconds(2));

        var lines = metrics.Render().Split('\n');
        string Bucket(string le) => lines.Single(l => l.StartsWith($"kubeguard_webhook_request_duration_seconds_bucket{{le=\"{le}\"}} ", StringComparison.Ordinal)).Split(' ')[1];
        Assert.Equal(["1", "1", "1", "1", "1", "3", "3", "3", "3", "3", "3", "3", "3", "4"],
            new[] { "0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "+Inf" }.Select(Bucket).ToArray());
        Assert.Contains("kubeguard_webhook_request_duration_seconds_count 4", lines);
        Assert.Contains("kubeguard_webhook_requests_total{code=\"200\"} 3", lines);
        Assert.Contains("kubeguard_webhook_requests_total{code=\"400\"} 1", lines);
    }
}
