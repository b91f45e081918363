using System.Net;
using System.Text;
using System.Text.Json;
using k8s.Models;
using Kubeguard.Admission.Tests;

namespace Kubeguard.Webhook.Tests;

/// <summary>
/// The <c>--kubeconfig</c> path end to end: the webhook over TLS, its namespace cache fed by list +
/// watch from <see cref="FakeApiServer"/>, a local 127.0.0.1 server speaking the Kubernetes wire
/// format (no kube-apiserver runs on these machines).
/// </summary>
public class ClusterNamespaceSourceTests
{
    private static V1Namespace Ns(string name, params (string Key, string Value)[] labels) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
    };

    private static StringContent Review(string scenario, string? ns = null)
    {
        var text = File.ReadAllText(Path.Combine(AdmissionFixtures.Directory, scenario + ".request.json"));
        if (ns is not null)
        {
            text = text.Replace("\"namespace\": \"restricted\"", $"\"namespace\": \"{ns}\"", StringComparison.Ordinal);
        }

        return new StringContent(text, Encoding.UTF8, "application/json");
    }

    private static async Task<JsonElement> ResponseAsync(HttpClient client, StringContent review)
    {
        using var http = await client.PostAsync("/validate", review);
        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        return JsonDocument.Parse(await http.Content.ReadAsStringAsync()).RootElement.GetProperty("response").Clone();
    }

    private static async Task<(FakeApiServer Api, RunningWebhook Webhook, string Directory)> StartAsync(bool openGate = true)
    {
        var api = await FakeApiServer.StartAsync();
        api.Put(Ns("restricted", ("pod-security.kubernetes.io/enforce", "restricted")));
        api.Put(Ns("legacy"));
        if (openGate)
        {
            api.ListGate.SetResult();
        }

        var directory = Directory.CreateTempSubdirectory("kubeguard-kubeconfig-").FullName;
        var kubeconfig = api.WriteKubeconfig(directory);
        var webhook = await RunningWebhook.StartAsync(o => o with { NamespacesFile = null, Kubeconfig = kubeconfig });
        return (api, webhook, directory);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "condition not met within 15 s");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Before_the_cache_syncs_pods_fail_closed_workloads_fail_open_and_readyz_says_why()
    {
        var (api, webhook, directory) = await StartAsync(openGate: false);
        await using (api)
        await using (webhook)
        {
            using var client = webhook.Client();

            using var ready = await client.GetAsync("/readyz");
            var pod = await ResponseAsync(client, Review("pod-create-allowed-restricted"));
            var deployment = await ResponseAsync(client, Review("deployment-create-warned"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("namespace cache is not synced yet\n", await ready.Content.ReadAsStringAsync());
            Assert.False(pod.GetProperty("allowed").GetBoolean());
            Assert.Equal("Internal error occurred: failed to lookup namespace \"restricted\": namespace cache is not synced yet", pod.GetProperty("auditAnnotations").GetProperty("error").GetString());
            Assert.True(deployment.GetProperty("allowed").GetBoolean());
            Assert.Equal("failed to lookup namespace \"restricted\": namespace cache is not synced yet", deployment.GetProperty("auditAnnotations").GetProperty("error").GetString());

            api.ListGate.SetResult();
            await WaitUntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
            var after = await ResponseAsync(client, Review("pod-create-allowed-restricted"));
            Assert.True(after.GetProperty("allowed").GetBoolean());
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Lookups_are_answered_from_the_cache_and_follow_watch_events()
    {
        var (api, webhook, directory) = await StartAsync();
        await using (api)
        await using (webhook)
        {
            using var client = webhook.Client();
            await WaitUntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);

            // Many reviews, no per-request namespace GET.
            for (var i = 0; i < 20; i++)
            {
                Assert.False((await ResponseAsync(client, Review("pod-create-denied-restricted"))).GetProperty("allowed").GetBoolean());
            }

            Assert.Equal(0, api.NamespaceGets);

            // A label change arrives through the watch.
            api.Put(Ns("restricted", ("pod-security.kubernetes.io/enforce", "privileged")));
            await WaitUntilAsync(async () => (await ResponseAsync(client, Review("pod-create-denied-restricted"))).GetProperty("allowed").GetBoolean());
            Assert.Equal(0, api.NamespaceGets);
            Assert.Equal(1, api.NamespaceLists);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_namespace_missing_from_the_cache_is_read_once_from_the_api_server()
    {
        var (api, webhook, directory) = await StartAsync();
        await using (api)
        await using (webhook)
        {
            using var client = webhook.Client();
            await WaitUntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);
            api.Put(Ns("fresh", ("pod-security.kubernetes.io/enforce", "restricted")), notifyWatchers: false);

            var first = await ResponseAsync(client, Review("pod-create-denied-restricted", "fresh"));
            var second = await ResponseAsync(client, Review("pod-create-denied-restricted", "fresh"));
            var missing = await ResponseAsync(client, Review("pod-create-denied-restricted", "nowhere"));

            Assert.Contains("violates PodSecurity \"restricted:latest\"", first.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(second.GetProperty("allowed").GetBoolean());
            Assert.Equal("Internal error occurred: failed to lookup namespace \"nowhere\": namespaces \"nowhere\" not found", missing.GetProperty("auditAnnotations").GetProperty("error").GetString());
            Assert.Equal(2, api.NamespaceGets);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_tightened_namespace_is_checked_against_pods_listed_from_the_api_server()
    {
        var (api, webhook, directory) = await StartAsync();
        await using (api)
        await using (webhook)
        {
            api.AddPod(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "legacy" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx", SecurityContext = new V1SecurityContext { Privileged = true } }] },
            });
            using var client = webhook.Client();
            await WaitUntilAsync(async () => (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK);

            var response = await ResponseAsync(client, Review("namespace-update-existing-pods-warned"));

            Assert.Equal(
                new[] { "existing pods in namespace \"legacy\" violate the new PodSecurity enforce level \"baseline:latest\"", "web-1: privileged" },
                response.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray());
        }

        Directory.Delete(directory, recursive: true);
    }
}
