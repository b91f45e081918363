using System.Globalization;
using BenchmarkDotNet.Attributes;
using Kubeguard.PromAudit.Images;
using Kubeguard.PromAudit.Redaction;
using Kubeguard.PromAudit.Rules;

namespace Kubeguard.PromAudit.Benchmarks;

/// <summary>
/// Throughput of the evidence pipeline on a large cluster's worth of data: image analysis over
/// 10,000 containers, secret scanning of 10,000 label values, and infra redaction of 1,000 lines.
/// </summary>
[MemoryDiagnoser]
public class EvidenceBenchmarks
{
    private readonly SecretScanner _scanner = new(new byte[32]);
    private ImageObservation[] _containers = [];
    private string[] _labelValues = [];
    private string[] _evidence = [];

    [GlobalSetup]
    public void Setup()
    {
        string[] images = ["nginx:1.25", "busybox", "registry.k8s.io/ingress-nginx/controller:v1.11.2", "wordpress:4.9",
            "grafana/grafana:11.2.0@sha256:8888888888888888", "registry.example.internal/team/app:latest", "python:3.8-slim-buster"];
        _containers = [.. Enumerable.Range(0, 10_000).Select(i => new ImageObservation(
            $"ns-{i % 40}", $"pod-{i}", "c", images[i % images.Length], $"x@sha256:{i % 3}"))];
        string[] values = ["/cart", "postgres://app:pw-123456@db:5432/app", "alice@example.com", "plain-value-without-secret",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0", "AKIAIOSFODNN7EXAMPLE"];
        _labelValues = [.. Enumerable.Range(0, 10_000).Select(i => values[i % values.Length] + (i % 2 == 0 ? "" : i.ToString(CultureInfo.InvariantCulture)))];
        _evidence = [.. Enumerable.Range(0, 1_000).Select(i =>
            $"node worker-{i % 50} at 10.0.{i % 200}.{i % 250} serves http://svc-{i % 30}.example.internal:8080/metrics for pod 10.244.{i % 100}.{i % 250}")];
    }

    [Benchmark]
    public int AnalyzeImages() => ImageAnalyzer.Analyze(_containers, RiskRules.BuiltIn).Count;

    [Benchmark]
    public int ScanLabelValues() => _labelValues.Count(v => _scanner.Scan("label", "annotation_x", v) is not null);

    [Benchmark]
    public int RedactInfrastructure()
    {
        var infra = new InfraRedactor();
        return _evidence.Sum(line => infra.Redact(line).Length);
    }
}
