using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Kubeguard.Cluster.Benchmarks;
using Kubeguard.Cluster.Output;
using Kubeguard.Testing.KubeApi;

// Usage:
//   harness      end-to-end: starts the generated API server in a child process, audits and plans
//                100,000 pods in 500 namespaces, prints wall time and this process's peak memory
//   serve        (used by harness) serves the generated cluster and prints its kubeconfig path
//   bdn [args]   the same audit under BenchmarkDotNet
switch (args.FirstOrDefault())
{
    case "serve":
        return await ServeAsync();
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(ClusterAuditBenchmarks).Assembly).Run(args[1..]);
        return 0;
    default:
        return await HarnessAsync();
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

static async Task<int> HarnessAsync()
{
    // Run this same program as the server, whether it was started as an apphost or through `dotnet x.dll`.
    var self = Environment.ProcessPath!;
    var arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? $"\"{typeof(SyntheticCluster).Assembly.Location}\" serve" : "serve";
    using var child = Process.Start(new ProcessStartInfo(self, arguments)
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    })!;
    var kubeconfig = (await child.StandardOutput.ReadLineAsync())!;
    try
    {
        foreach (var run in new[] { "warm-up", "audit+plan #1", "audit+plan #2", "audit+plan #3" })
        {
            var stopwatch = Stopwatch.StartNew();
            var report = await ClusterAuditBenchmarks.AuditAsync(kubeconfig);
            var reports = PolicyReports.For(report, DateTimeOffset.UnixEpoch).Count();
            stopwatch.Stop();
            var pods = report.Namespaces.Sum(n => n.Pods);
            var planned = report.Namespaces.Count(n => n.Plan.Strictest is not null);
            var gc = GC.GetGCMemoryInfo();
            using (var current = Process.GetCurrentProcess())
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"               managed heap {gc.HeapSizeBytes / 1048576.0:F0} MB, peak working set so far {current.PeakWorkingSet64 / 1048576.0:F0} MB, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB, gen0 GCs {GC.CollectionCount(0)}, gen2 GCs {GC.CollectionCount(2)}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run,-14} {stopwatch.Elapsed.TotalSeconds,6:F2} s wall   pods {pods}   namespaces {report.Namespaces.Length} (planned {planned})   objects {report.Objects}   reports {reports}   failure {report.Failure?.Message ?? "none"}"));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak working set of the auditing process: {process.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (the API server runs in a child process)"));
        return 0;
    }
    finally
    {
        await child.StandardInput.WriteLineAsync();
        await child.WaitForExitAsync();
    }
}
