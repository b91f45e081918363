using BenchmarkDotNet.Running;
using Kubeguard.Webhook.Benchmarks;

// `load --url … --ca … --connections N --seconds S`: loopback load test of a running webhook.
// Anything else: BenchmarkDotNet over the admission decision path.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadGenerator.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(AdmissionPathBenchmarks).Assembly).Run(args);
return 0;
