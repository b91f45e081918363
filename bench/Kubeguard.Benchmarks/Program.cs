using BenchmarkDotNet.Running;
using Kubeguard.Benchmarks;

if (args is ["--cpu-time"])
{
    CpuTime.Run(Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
