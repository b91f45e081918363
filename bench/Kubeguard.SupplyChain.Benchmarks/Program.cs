using BenchmarkDotNet.Running;
using Kubeguard.SupplyChain.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(ColdVerification).Assembly).Run(args);
