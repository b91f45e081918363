using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Kubeguard.Checks;
using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Results;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Benchmarks;

/// <summary>
/// Audit (with every family of checks beyond Pod Security) and plan of 100,000 pods in 500
/// namespaces served by the local API server on 127.0.0.1.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ClusterAuditBenchmarks
{
    private FakeKubeApiServer? _server;
    private string _kubeconfig = string.Empty;
    private string _directory = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        SyntheticCluster.Serve(_server);
        _directory = Directory.CreateTempSubdirectory("kubeguard-bench-").FullName;
        _kubeconfig = _server.WriteKubeconfig(_directory);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task<ClusterReport> AuditAndPlan() => AuditAsync(_kubeconfig);

    public static async Task<ClusterReport> AuditAsync(string kubeconfig, IProgress<ReadProgress>? progress = null)
    {
        var (client, server, failure) = ClusterConnection.Create(new ConnectionOptions(kubeconfig));
        if (failure is not null)
        {
            throw new InvalidOperationException(failure.Message);
        }

        using (client)
        {
            return await new ClusterAuditor(client!, server, AuditRequest.AllNamespaces with
            {
                PageSize = int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAGE_SIZE"), out var size) ? size : 500,
                // As `kubeguard cluster audit` runs by default: every family of checks beyond Pod Security (BENCH_CHECKS=0: Pod Security only).
                Checks = Environment.GetEnvironmentVariable("BENCH_CHECKS") == "0" ? null : CheckOptions.Default,
            }, progress).RunAsync();
        }
    }
}
