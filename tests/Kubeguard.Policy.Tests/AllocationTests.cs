using Kubeguard.Testing;

namespace Kubeguard.Policy.Tests;

/// <summary>
/// Evaluating an allowed pod allocates nothing (measured in bytes allocated by this thread, not in
/// time; speed is measured by the benchmarks in bench/).
/// </summary>
public sealed class AllocationTests
{
    public static TheoryData<string> Policies => new()
    {
        "restricted:latest", "baseline:v1.25", "baseline:latest", "restricted:v1.0", "restricted:v1.8", "restricted:v1.19",
        "restricted:v1.22", "restricted:v1.25", "restricted:v1.34", "restricted:v1.35", "restricted:v1.99", "privileged:latest",
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Evaluating_an_allowed_minimal_pod_allocates_nothing(string text)
    {
        // Given
        Assert.True(LevelVersion.TryParse(text, out var policy));
        var pod = MinimalValidPods.For(policy.Level, policy.Version);
        var evaluator = PolicyEvaluator.Default;
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(evaluator.Evaluate(policy, pod.Metadata, pod.Spec).Allowed);
        }

        // When
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowed += evaluator.Evaluate(policy, pod.Metadata, pod.Spec).Allowed ? 1 : 0;
        }

        var after = GC.GetAllocatedBytesForCurrentThread();

        // Then
        Assert.Equal(1000, allowed);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Evaluating_a_denied_pod_does_allocate_so_the_measurement_can_fail()
    {
        var policy = new LevelVersion(Level.Restricted, PolicyVersion.Latest);
        var pod = MinimalValidPods.For(Level.Baseline, PolicyVersion.Latest);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(PolicyEvaluator.Default.Evaluate(policy, pod.Metadata, pod.Spec).Allowed);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0);
    }
}
