using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Kubeguard.Admission;

namespace Kubeguard.Webhook;

/// <summary>
/// Prometheus counters: upstream Pod Security Admission's own metric names and labels, plus
/// request counts and latency of this webhook.
/// </summary>
public sealed class AdmissionMetrics
{
    private static readonly double[] Buckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly ConcurrentDictionary<MetricEvent, Counter> _events = new();
    private readonly ConcurrentDictionary<int, Counter> _requests = new();
    // Per bucket (the last one is +Inf), not cumulative: one increment per request; summed on render.
    private readonly long[] _bucketCounts = new long[Buckets.Length + 1];
    private long _durationSumTicks;

    /// <summary>Counts the metric events of one decision.</summary>
    public void Record(IEnumerable<MetricEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            _events.GetOrAdd(e, _ => new Counter()).Increment();
        }
    }

    /// <summary>Counts one HTTP request to <c>/validate</c> with its status code and duration.</summary>
    public void RecordRequest(int statusCode, TimeSpan duration)
    {
        _requests.GetOrAdd(statusCode, _ => new Counter()).Increment();
        var seconds = duration.TotalSeconds;
        var bucket = 0;
        while (bucket < Buckets.Length && seconds > Buckets[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _bucketCounts[bucket]);

        Interlocked.Add(ref _durationSumTicks, duration.Ticks);
    }

    /// <summary>The Prometheus text exposition (format 0.0.4).</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        Family(sb, MetricKind.Evaluation, "pod_security_evaluations_total",
            "Number of policy evaluations that occurred, not counting ignored or exempt requests.",
            e => [("decision", e.Decision), ("mode", e.Mode), ("policy_level", e.PolicyLevel), ("policy_version", e.PolicyVersion),
                ("request_operation", e.Operation), ("resource", e.Resource), ("subresource", e.Subresource)]);
        Family(sb, MetricKind.Exemption, "pod_security_exemptions_total",
            "Number of exempt requests, not counting ignored or out of scope requests.",
            e => [("request_operation", e.Operation), ("resource", e.Resource), ("subresource", e.Subresource)]);
        Family(sb, MetricKind.Error, "pod_security_errors_total",
            "Number of errors preventing normal evaluation. Non-fatal errors may result in the latest restricted profile being used for evaluation.",
            e => [("fatal", e.Fatal ? "true" : "false"), ("request_operation", e.Operation), ("resource", e.Resource), ("subresource", e.Subresource)]);

        sb.Append("# HELP kubeguard_webhook_requests_total AdmissionReview HTTP requests by response status code.\n");
        sb.Append("# TYPE kubeguard_webhook_requests_total counter\n");
        foreach (var (code, counter) in _requests.OrderBy(kv => kv.Key))
        {
            sb.Append(CultureInfo.InvariantCulture, $"kubeguard_webhook_requests_total{{code=\"{code}\"}} {counter.Value}\n");
        }

        sb.Append("# HELP kubeguard_webhook_request_duration_seconds Time to read, decide and answer one AdmissionReview.\n");
        sb.Append("# TYPE kubeguard_webhook_request_duration_seconds histogram\n");
        var cumulative = 0L;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _bucketCounts[i]);
            sb.Append(CultureInfo.InvariantCulture, $"kubeguard_webhook_request_duration_seconds_bucket{{le=\"{Buckets[i]}\"}} {cumulative}\n");
        }

        var count = cumulative + Interlocked.Read(ref _bucketCounts[Buckets.Length]);
        sb.Append(CultureInfo.InvariantCulture, $"kubeguard_webhook_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubeguard_webhook_request_duration_seconds_sum {TimeSpan.FromTicks(Interlocked.Read(ref _durationSumTicks)).TotalSeconds}\n");
        sb.Append(CultureInfo.InvariantCulture, $"kubeguard_webhook_request_duration_seconds_count {count}\n");
        return sb.ToString();
    }

    private void Family(StringBuilder sb, MetricKind kind, string name, string help, Func<MetricEvent, (string Name, string Value)[]> labels)
    {
        var samples = _events
            .Where(kv => kv.Key.Kind == kind)
            .Select(kv => (Labels: string.Join(",", labels(kv.Key).Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")), kv.Value.Value))
            .OrderBy(s => s.Labels, StringComparer.Ordinal)
            .ToList();
        if (samples.Count == 0)
        {
            return;
        }

        sb.Append(CultureInfo.InvariantCulture, $"# HELP {name} [ALPHA] {help}\n# TYPE {name} counter\n");
        foreach (var (labelText, value) in samples)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{name}{{{labelText}}} {value}\n");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Increment() => Interlocked.Increment(ref _value);
    }
}
