using Kubeguard.Admission;
using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Results;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Tests;

/// <summary>
/// A local API server on 127.0.0.1 (there is no kube-apiserver on the test machines) that speaks the
/// Kubernetes wire format, loaded with a recorded-style scenario, plus a kubeconfig for it in a
/// temporary folder. The code under test reaches it through the real, unmodified KubernetesClient.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private LocalCluster(FakeKubeApiServer server, string directory)
    {
        Server = server;
        Directory = directory;
        Kubeconfig = server.WriteKubeconfig(directory);
    }

    public FakeKubeApiServer Server { get; }

    public string Directory { get; }

    public string Kubeconfig { get; }

    public static async Task<LocalCluster> StartAsync(string scenario = "mixed")
    {
        var server = await FakeKubeApiServer.StartAsync();
        ClusterFixtures.Load(server, scenario);
        var directory = Path.Combine(Path.GetTempPath(), "kubeguard-cluster-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new LocalCluster(server, directory);
    }

    public static PodSecurityConfiguration ExemptKubeSystemAndGvisor() =>
        PodSecurityConfigurationLoader.Load("""
            apiVersion: pod-security.admission.config.k8s.io/v1
            kind: PodSecurityConfiguration
            exemptions:
              namespaces: [kube-system]
              runtimeClasses: [gvisor]
            """).Configuration!;

    public async Task<ClusterReport> AuditAsync(AuditRequest? request = null, ConnectionOptions? options = null, int pageSize = 500)
    {
        var (client, server, failure) = ClusterConnection.Create(options ?? new ConnectionOptions(Kubeconfig));
        Assert.Null(failure);
        using (client)
        {
            request ??= AuditRequest.AllNamespaces with { Configuration = ExemptKubeSystemAndGvisor() };
            return await new ClusterAuditor(client!, server, request with { PageSize = pageSize }).RunAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
