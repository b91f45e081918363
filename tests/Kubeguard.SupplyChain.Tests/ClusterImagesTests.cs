using System.Text.Json.Nodes;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// <c>kubeguard images verify --cluster</c>: the images of running pods and workloads, read through
/// list calls from a local HTTP server on 127.0.0.1 that speaks the exact Kubernetes API wire
/// format (no kube-apiserver can run here), verified against the real registry (Debian's
/// docker-registry on 127.0.0.1).
/// </summary>
public sealed class ClusterImagesTests(LocalRegistry registry) : IClassFixture<LocalRegistry>, IAsyncLifetime, IDisposable
{
    private readonly HttpRegistryStore _store = new(registry.BaseUri);
    private readonly TestKey _key = new("release");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubeguard-cluster-images-");
    private FakeKubeApiServer _api = null!;
    private FakeObjects _deployments = new();

    public async Task InitializeAsync() => _api = await FakeKubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose()
    {
        _store.Dispose();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_images_of_running_pods_and_workloads_are_verified_and_the_unsigned_one_is_named_with_its_object()
    {
        var signed = await PushAsync("signed", sign: true);
        var unsigned = await PushAsync("unsigned", sign: false);
        ServeAll();
        _api.Core("pods", "PodList").Add(Pod("web-1", "shop", signed));
        _deployments.Add(Deployment("batch", "jobs", unsigned));

        var (code, output, error) = await RunAsync();

        Assert.True(code == ExitCodes.Findings, output + error);
        var results = JsonNode.Parse(output)!["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        var bad = Assert.Single(results, r => !r!["allowed"]!.GetValue<bool>())!;
        Assert.Contains(unsigned, bad.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Deployment", bad["kind"]!.GetValue<string>());
        Assert.Equal("jobs", bad["namespace"]!.GetValue<string>());
        Assert.Contains(results, r => r!["allowed"]!.GetValue<bool>() && r.ToJsonString().Contains(signed, StringComparison.Ordinal));
        Assert.Contains(_api.Requests, r => r.Contains("/apis/apps/v1/deployments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_the_cluster_forbids_is_named_and_the_other_objects_are_still_verified()
    {
        var signed = await PushAsync("forbidden", sign: true);
        ServeAll();
        _api.Core("pods", "PodList").Add(Pod("web-1", "shop", signed));
        _api.Forbid("deployments", "*");

        var (code, output, error) = await RunAsync();

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("deployments", error, StringComparison.Ordinal);
        Assert.Contains(signed, output, StringComparison.Ordinal);
        Assert.Contains("\"verified\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_with_nothing_else_to_verify_is_an_input_error_in_one_line()
    {
        var kubeconfig = _api.WriteKubeconfig(_directory.FullName);
        await _api.DisposeAsync();
        _api = await FakeKubeApiServer.StartAsync();

        var (code, output, error) = await RunAsync(kubeconfig);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("kubeguard: cluster", error, StringComparison.Ordinal);
        Assert.Contains("reach the API server", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private void ServeAll()
    {
        _deployments = new FakeObjects();
        _api.Serve("apps", "v1", "deployments", "DeploymentList", _deployments);
        foreach (var (resource, list) in new[] { ("replicasets", "ReplicaSetList"), ("statefulsets", "StatefulSetList"), ("daemonsets", "DaemonSetList") })
        {
            _api.Serve("apps", "v1", resource, list, new FakeObjects());
        }

        _api.Serve("batch", "v1", "cronjobs", "CronJobList", new FakeObjects());
        _api.Serve("batch", "v1", "jobs", "JobList", new FakeObjects());
        _api.Core("replicationcontrollers", "ReplicationControllerList");
        _api.Core("podtemplates", "PodTemplateList");
    }

    private async Task<string> PushAsync(string name, bool sign)
    {
        var repo = $"live/{name}-{Guid.NewGuid():N}"[..24];
        var image = await Cosign.PushImageAsync(_store, repo, "v1", repo);
        if (sign)
        {
            var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
            await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, _key.Sign(payload)));
        }

        return $"{registry.Host}/{repo}:v1";
    }

    private static string Pod(string name, string ns, string image) =>
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString() },
            ["spec"] = PodSpec(image),
        }.ToJsonString();

    private static string Deployment(string name, string ns, string image) =>
        new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString() },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = PodSpec(image),
                },
            },
        }.ToJsonString();

    private static JsonObject PodSpec(string image) =>
        new() { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) };

    private async Task<(int Code, string Output, string Error)> RunAsync(string? kubeconfig = null)
    {
        var keyPath = Path.Combine(_directory.FullName, "cosign.pub");
        await File.WriteAllTextAsync(keyPath, _key.PublicPem);
        var config = Path.Combine(_directory.FullName, "docker-config.json");
        await File.WriteAllTextAsync(config, "{}");
        var request = new ImagesVerifyRequest([], [], null, [keyPath], config, [registry.Host], 10, 8, "json", false, Cluster: true, Kubeconfig: kubeconfig ?? _api.WriteKubeconfig(_directory.FullName));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImagesCommand.RunAsync(request, output, error, path => File.Exists(path) ? File.ReadAllText(path) : null, TextReader.Null, null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
