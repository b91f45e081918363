using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kubeguard.Scanning.Manifests;
using k8s.Models;
using Kubeguard.Admission;
using Kubeguard.Admission.Wire;

namespace Kubeguard.Webhook.Benchmarks;

/// <summary>
/// One admission decision as the webhook makes it per request, without the network: decode the
/// AdmissionReview bytes, evaluate, encode the response.
/// </summary>
[MemoryDiagnoser]
public class AdmissionPathBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private AdmissionEvaluator _evaluator = null!;
    private AdmissionChecks _checks = null!;
    private byte[] _request = null!;

    [Params("pod-create-allowed-restricted", "pod-create-denied-restricted", "pod-create-warned-baseline", "deployment-create-warned")]
    public string Scenario { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var objects = new ManifestLoader().LoadText(File.ReadAllText(RepositoryFiles.Admission("namespaces.yaml"))).Documents.Select(d => d.Model).ToList();
        var configuration = PodSecurityConfigurationLoader.Load(File.ReadAllText(RepositoryFiles.Admission("config.yaml"))).Configuration!;
        var namespaces = new StaticNamespaceSource(objects.OfType<V1Namespace>(), objects.OfType<V1Pod>());
        _evaluator = new AdmissionEvaluator(configuration, namespaces);
        _checks = new AdmissionChecks(new AdmissionCheckOptions(), namespaces);
        _request = File.ReadAllBytes(RepositoryFiles.Admission(Scenario + ".request.json"));
    }

    [Benchmark]
    public int DecodeEvaluateEncode()
    {
        var parsed = AdmissionReviewCodec.Parse(_request);
        var request = parsed.Request!;
        var decision = _evaluator.EvaluateAsync(AdmissionReviewCodec.ToAttributes(request)).AsTask().GetAwaiter().GetResult();
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output);
        AdmissionReviewCodec.Serialize(writer, AdmissionReviewCodec.Respond(request.Uid!, decision));
        writer.Flush();
        return _output.WrittenCount;
    }

    /// <summary>The same with every single-object check beyond Pod Security switched on (<c>--checks all</c>).</summary>
    [Benchmark]
    public int DecodeEvaluateCheckEncode()
    {
        var parsed = AdmissionReviewCodec.Parse(_request);
        var request = parsed.Request!;
        var attributes = AdmissionReviewCodec.ToAttributes(request);
        var decision = _evaluator.EvaluateAsync(attributes).AsTask().GetAwaiter().GetResult();
        decision = _checks.ApplyAsync(attributes, decision).AsTask().GetAwaiter().GetResult();
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output);
        AdmissionReviewCodec.Serialize(writer, AdmissionReviewCodec.Respond(request.Uid!, decision));
        writer.Flush();
        return _output.WrittenCount;
    }
}
