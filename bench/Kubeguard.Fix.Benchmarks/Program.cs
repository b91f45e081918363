using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Kubeguard.Fix.Benchmarks.FixBenchmarks).Assembly).Run(args);
