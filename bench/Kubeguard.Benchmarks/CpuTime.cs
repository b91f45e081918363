using System.Diagnostics;
using System.Globalization;
using Kubeguard.Policy;

namespace Kubeguard.Benchmarks;

/// <summary>
/// A rough companion to the BenchmarkDotNet suite for busy machines: runs the same four cases and
/// divides by the process's CPU time as well as by wall time, so other load on the machine does not
/// hide the engine's own cost. BenchmarkDotNet's figures remain the reference.
/// </summary>
public static class CpuTime
{
    /// <summary>Runs the cases and writes one line per case.</summary>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var compliant = BenchmarkPods.MinimalRestricted();
        var violating = BenchmarkPods.ViolatingMost();
        foreach (var text in new[] { "restricted:latest", "baseline:v1.25" })
        {
            _ = LevelVersion.TryParse(text, out var policy);
            Measure(output, text, "CompliantPod", 2_000_000, () => PolicyEvaluator.Default.Evaluate(policy, compliant.Metadata, compliant.Spec).Allowed ? 1 : 0);
            Measure(output, text, "ViolatingPodWithMessage", 200_000, () => PolicyEvaluator.Default.Evaluate(policy, violating.Metadata, violating.Spec).DenialMessage(violating.Metadata.Name).Length);
        }
    }

    private static void Measure(TextWriter output, string policy, string name, int count, Func<int> operation)
    {
        var sink = 0;
        for (var i = 0; i < count / 10; i++)
        {
            sink += operation();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            sink += operation();
        }

        wall.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-24} {policy,-18} {count / cpu.TotalSeconds,12:N0}/s per CPU second  {count / wall.Elapsed.TotalSeconds,12:N0}/s wall  {(double)allocated / count,8:N1} B/op  (checksum {sink})"));
    }
}
