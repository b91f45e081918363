using System.Text;
using BenchmarkDotNet.Attributes;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Benchmarks;

/// <summary>
/// One file through the whole fixer (parse, plan, edit, verify by re-parsing, re-evaluating and
/// re-planning): a one-container Deployment that needs the restricted safe fixes, and one that
/// already passes (parse, plan, nothing to write).
/// </summary>
[MemoryDiagnoser]
public class FixBenchmarks
{
    private const string NeedsFix = """
        # Web tier
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: "nginx:1.27"
                ports:
                - containerPort: 8080
                securityContext:
                  runAsUser: 101
        """;

    private static readonly FixOptions Options = new() { Target = new LevelVersion(Level.Restricted, PolicyVersion.Latest) };

    private static readonly byte[] NeedsFixBytes = Encoding.UTF8.GetBytes(NeedsFix);

    private static readonly byte[] PassesBytes = FixEngine.Fix("web.yaml", NeedsFixBytes, Options).Output;

    [Benchmark(Baseline = true)]
    public byte[] FixDeploymentToRestricted() => FixEngine.Fix("web.yaml", NeedsFixBytes, Options).Output;

    [Benchmark]
    public byte[] PlanPassingDeployment() => FixEngine.Fix("web.yaml", PassesBytes, Options).Output;
}
