using BenchmarkDotNet.Attributes;
using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Benchmarks;

/// <summary>
/// Pod Security evaluations per second, single thread: (a) a minimal restricted-compliant pod,
/// (b) a pod violating most checks, including building the API server's denial message.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private LevelVersion _policy;
    private V1Pod _compliant = null!;
    private V1Pod _violating = null!;

    /// <summary>The policy evaluated.</summary>
    [Params("restricted:latest", "baseline:v1.25")]
    public string Policy { get; set; } = "restricted:latest";

    /// <summary>Builds the pods and parses the policy once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        if (!LevelVersion.TryParse(Policy, out _policy))
        {
            throw new InvalidOperationException($"bad policy {Policy}");
        }

        _compliant = BenchmarkPods.MinimalRestricted();
        _violating = BenchmarkPods.ViolatingMost();
        if (!PolicyEvaluator.Default.Evaluate(_policy, _compliant.Metadata, _compliant.Spec).Allowed
            || PolicyEvaluator.Default.Evaluate(_policy, _violating.Metadata, _violating.Spec).Allowed)
        {
            throw new InvalidOperationException("the benchmark pods no longer get their intended verdicts");
        }
    }

    /// <summary>(a) An allowed pod: no allocation expected.</summary>
    [Benchmark(Baseline = true)]
    public bool CompliantPod() => PolicyEvaluator.Default.Evaluate(_policy, _compliant.Metadata, _compliant.Spec).Allowed;

    /// <summary>(b) A denied pod, with the full denial message built.</summary>
    [Benchmark]
    public int ViolatingPodWithMessage() =>
        PolicyEvaluator.Default.Evaluate(_policy, _violating.Metadata, _violating.Spec).DenialMessage(_violating.Metadata.Name).Length;
}
