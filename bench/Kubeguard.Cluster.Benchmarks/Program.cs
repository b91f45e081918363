using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Kubeguard.Cluster.Benchmarks;
using Kubeguard.Cluster.Output;
using Kubeguard.Testing.KubeApi;

// Usage:
//   harness [runs]   end-to-end, as a user runs it: starts the generated API server (100,000 pods in
//                    500 namespaces) in one child process, then audits and plans it [runs] times
//                    (default 3), each in a fresh process like one CLI invocation, and prints each
//                    run's wall time and peak memory (VmHWM of the auditing process)
//   serve            (used by harness) serves the generated cluster, prints its kubeconfig path
//   run KUBECONFIG   (used by harness) one audit and plan, prints wall time and peak memory
//   bdn [args]       the same audit under BenchmarkDotNet (in-process server)
switch (args.FirstOrDefault())
{
    case "serve":
        return await ServeAsync();
    case "run":
        return await RunOnceAsync(args[1]);
    case "read":
        return await ReadOnlyAsync(args[1]);
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(ClusterAuditBenchmarks).Assembly).Run(args[1..]);
        return 0;
    default:
        return await HarnessAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
}

static async Task<int> ServeAsync()
{
    await using var server = await FakeKubeApiServer.StartAsync();
    SyntheticCluster.Serve(server);
    var directory = Directory.CreateTempSubdirectory("kubeguard-bench-").FullName;
    Console.WriteLine(server.WriteKubeconfig(directory));
    Console.Out.Flush();
    await Console.In.ReadLineAsync();
    Directory.Delete(directory, recursive: true);
    return 0;
}

static async Task<int> RunOnceAsync(string kubeconfig)
{
    var stopwatch = Stopwatch.StartNew();
    using var sampler = new HeapSampler();
    var report = await ClusterAuditBenchmarks.AuditAsync(kubeconfig, new PhaseProgress(sampler));
    var reports = PolicyReports.For(report, DateTimeOffset.UnixEpoch).Count();
    var commands = report.Namespaces.Count(n => n.Plan.Target is not null);
    stopwatch.Stop();
    var peakMb = PeakMb();
    var findings = report.Checks?.Findings.Length ?? 0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{stopwatch.Elapsed.TotalSeconds,6:F2} s wall  {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,6:F2} s cpu  {peakMb,5:F0} MB peak  pods {report.Namespaces.Sum(n => n.Pods)}  namespaces {report.Namespaces.Length}  label commands {commands}  policy reports {reports}  objects {report.Objects}  other findings {findings}  error {report.Failure?.Message ?? "none"}"));
    Console.WriteLine(sampler.Summary());
    if (Environment.GetEnvironmentVariable("BENCH_SMAPS") == "1")
    {
        Console.WriteLine("    " + string.Join(", ", File.ReadAllLines("/proc/self/smaps_rollup").Skip(1).Take(12).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))));
    }

    return report.Failure is null ? 0 : 1;
}

static double PeakMb()
{
    var peak = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))["VmHWM:".Length..].Trim();
    return long.Parse(peak.Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
}

// Lists every pod through the same pager without judging anything: the cost of reading alone.
static async Task<int> ReadOnlyAsync(string kubeconfig)
{
    var stopwatch = Stopwatch.StartNew();
    using var sampler = new HeapSampler();
    var (client, server, _) = Kubeguard.Cluster.Connection.ClusterConnection.Create(new Kubeguard.Cluster.Connection.ConnectionOptions(kubeconfig));
    var lister = new Kubeguard.Cluster.Reading.PagedLister(client!, server, PageSize());
    long count = 0;
    await lister.ListAsync(Kubeguard.Cluster.Reading.ResourceKind.Pod, null, null, (page, _) => { count += page.Count; return ValueTask.CompletedTask; }, () => count = 0, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"read only: {count} pods {stopwatch.Elapsed.TotalSeconds:F2} s wall {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2} s cpu {PeakMb():F0} MB peak"));
    Console.WriteLine(sampler.Summary());
    return 0;
}

static int PageSize() => int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAGE_SIZE"), out var size) ? size : 500;

static async Task<int> HarnessAsync(int runs)
{
    using var server = Start("serve");
    var kubeconfig = (await server.StandardOutput.ReadLineAsync())!;
    try
    {
        for (var i = 1; i <= runs; i++)
        {
            using var run = Start($"{(Environment.GetEnvironmentVariable("BENCH_MODE") ?? "run")} \"{kubeconfig}\"");
            Console.WriteLine($"audit+plan #{i}: {await run.StandardOutput.ReadToEndAsync()}".TrimEnd());
            await run.WaitForExitAsync();
        }

        return 0;
    }
    finally
    {
        await server.StandardInput.WriteLineAsync();
        await server.WaitForExitAsync();
    }
}

// Runs this same program again, whether it was started as an apphost or through `dotnet x.dll`.
static Process Start(string arguments)
{
    var self = Environment.ProcessPath!;
    var dll = $"\"{typeof(SyntheticCluster).Assembly.Location}\" ";
    return Process.Start(new ProcessStartInfo(self, (Path.GetFileNameWithoutExtension(self) == "dotnet" ? dll : "") + arguments)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    })!;
}

/// <summary>Tells the heap sampler which resource is being read; after the last page, the checks are evaluated.</summary>
internal sealed class PhaseProgress(HeapSampler sampler) : IProgress<Kubeguard.Cluster.Analysis.ReadProgress>
{
    public void Report(Kubeguard.Cluster.Analysis.ReadProgress value) => sampler.Phase = "reading " + value.Resource;
}
