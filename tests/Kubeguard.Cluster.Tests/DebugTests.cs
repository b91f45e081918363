using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Debug;
using Kubeguard.Policy;
using Kubeguard.Testing.KubeApi;
using Microsoft.AspNetCore.Http;

namespace Kubeguard.Cluster.Tests;

/// <summary>
/// <c>kubeguard debug</c> against a local server on 127.0.0.1 speaking the Kubernetes wire format (no
/// kube-apiserver runs on the test machines): GET of the pod and its namespace, the strategic merge
/// PATCH of <c>pods/ephemeralcontainers</c> answered as the real server answers it, and the merge PATCH
/// of the pod's annotations. Every request and body is recorded.
/// </summary>
public sealed class DebugTests : IAsyncLifetime
{
    private const string Ns = "team-a";
    private const string PodName = "api-7d9f";
    private const string PodPath = "/api/v1/namespaces/team-a/pods/api-7d9f";
    private readonly List<(string Request, string ContentType, string Body)> _bodies = [];
    private FakeKubeApiServer _server = null!;
    private FakeObjects _namespaces = null!;
    private string _directory = null!;
    private JsonObject _pod = null!;

    public int PatchStatus { get; set; } = 200;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _namespaces = _server.Core("namespaces", "NamespaceList");
        _server.Core("pods", "PodList");
        _pod = JsonNode.Parse("""
            {"kind":"Pod","apiVersion":"v1","metadata":{"name":"api-7d9f","namespace":"team-a","uid":"5b1e7c3a-2f0d-4c8e-9a51-0d6b8f1e2a77","resourceVersion":"48211","creationTimestamp":"2026-11-20T09:14:03Z","labels":{"app":"api"}},
             "spec":{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},
                     "containers":[{"name":"api","image":"registry.example/api@sha256:4f6c1b0e8d2a9c7b5e3f1a0d9c8b7a6e5f4d3c2b1a09f8e7d6c5b4a392817065","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent",
                                    "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}],
                     "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","nodeName":"node-1","enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority","priority":0},
             "status":{"phase":"Running","podIP":"10.244.1.17","containerStatuses":[{"name":"api","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-11-20T09:14:05Z"}}}]}}
            """)!.AsObject();
        _server.Map("GET", PodPath, c => FakeKubeApiServer.WriteJsonAsync(c, 200, _pod.ToJsonString()));
        _server.Map("PATCH", PodPath + "/ephemeralcontainers", PatchEphemeralAsync);
        _server.Map("PATCH", PodPath, PatchPodAsync);
        _directory = Path.Combine(Path.GetTempPath(), "kubeguard-debug-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _server.WriteKubeconfig(_directory);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<string?, string?, string, string> Namespaces() => new()
    {
        { null, null, "sysadmin", """{"securityContext":{"privileged":true}}""" },
        { "privileged", "v1.30", "sysadmin", """{"securityContext":{"privileged":true}}""" },
        { "baseline", "v1.25", "baseline", "{}" },
        { "baseline", "latest", "baseline", "{}" },
        { "restricted", "v1.23", "restricted", Restricted },
        { "restricted", "v1.30", "restricted", Restricted },
        { "restricted", null, "restricted", Restricted },
        { "strict", "v1.30", "restricted", Restricted },
    };

    private const string Restricted = """{"securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}}}""";

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task AutoAddsTheMostCapableContainerTheNamespaceAdmitsWithTheExpectedBodyAndTheResultingPodPassesTheEngine(string? level, string? version, string profile, string security)
    {
        Label(level, version);

        var outcome = await RunAsync(Request());

        Assert.Equal(DebugStatus.Running, outcome.Status);
        Assert.Equal($"kubectl attach -it {PodName} -n {Ns} -c debugger-test", outcome.Message);
        Assert.Equal(profile, DebugProfiles.Name(outcome.Plan!.Profile));
        var expected = JsonNode.Parse("""{"name":"debugger-test","image":"docker.io/library/busybox:1.37","imagePullPolicy":"IfNotPresent","stdin":true,"tty":true,"targetContainerName":"api"}""")!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(security)!.AsObject())
        {
            expected[key] = value!.DeepClone();
        }

        var patch = Assert.Single(_bodies, b => b.Request == "PATCH " + PodPath + "/ephemeralcontainers");
        Assert.Equal("application/strategic-merge-patch+json", patch.ContentType.Split(';')[0]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["spec"] = new JsonObject { ["ephemeralContainers"] = new JsonArray(expected) } }, JsonNode.Parse(patch.Body)), patch.Body);

        var policy = new LevelVersion(Levels.TryParse(level, out var l) ? l : level is null ? Level.Privileged : Level.Restricted, PolicyVersion.TryParse(version, out var v) ? v : PolicyVersion.Latest);
        var result = PolicyEvaluator.Default.Evaluate(policy, KubernetesJson.Deserialize<V1Pod>(_pod.ToJsonString()));
        Assert.True(result.Allowed, result.Message);
        Assert.Single(KubernetesJson.Deserialize<V1Pod>(_pod.ToJsonString()).Spec.EphemeralContainers);
    }

    [Fact]
    public async Task AProfileTheNamespaceRejectsIsRefusedWithTheUpstreamReasonAndNothingIsSent()
    {
        Label("restricted", "v1.30");

        var outcome = await RunAsync(Request() with { Profile = DebugProfile.SysAdmin });

        Assert.Equal(DebugStatus.Refused, outcome.Status);
        Assert.Contains("violates PodSecurity \"restricted:v1.30\": privileged (container \"debugger-test\" must not set securityContext.privileged=true)", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["GET " + PodPath, "GET /api/v1/namespaces/team-a"], Requests());
    }

    [Fact]
    public async Task ABaselineNamespaceRefusesTheGeneralProfileBecauseSysPtraceIsNotABaselineCapability()
    {
        Label("baseline", "latest");

        var outcome = await RunAsync(Request() with { Profile = DebugProfile.General });

        Assert.Equal(DebugStatus.Refused, outcome.Status);
        Assert.Contains("non-default capabilities (container \"debugger-test\" must not include \"SYS_PTRACE\" in securityContext.capabilities.add)", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(2, Requests().Count);
    }

    [Fact]
    public async Task AnUnknownPodGivesAClearMessageAndNothingMoreIsSent()
    {
        var outcome = await RunAsync(Request() with { Pod = "ghost" });

        Assert.Equal(DebugStatus.Failed, outcome.Status);
        Assert.Equal("pod \"ghost\" not found in namespace \"team-a\"", outcome.Message);
        Assert.Equal(["GET /api/v1/namespaces/team-a/pods/ghost"], Requests());
    }

    [Fact]
    public async Task ANamespaceTheUserMayNotReadGivesAClearMessageAndNothingMoreIsSent()
    {
        Label("restricted", null);
        _server.Forbid("namespaces", Ns);

        var outcome = await RunAsync(Request());

        Assert.Equal(DebugStatus.Failed, outcome.Status);
        Assert.StartsWith("cannot read namespace \"team-a\" to learn its Pod Security level: namespaces \"team-a\" is forbidden", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["GET " + PodPath, "GET /api/v1/namespaces/team-a"], Requests());
    }

    [Fact]
    public async Task AContainerNameThatDoesNotExistGivesAClearMessageAndNothingMoreIsSent()
    {
        Label("baseline", null);

        var outcome = await RunAsync(Request() with { Target = "sidecar" });

        Assert.Equal(DebugStatus.Failed, outcome.Status);
        Assert.Equal("container \"sidecar\" not found in pod \"api-7d9f\"; its containers are: api", outcome.Message);
        Assert.Equal(["GET " + PodPath, "GET /api/v1/namespaces/team-a"], Requests());
    }

    [Fact]
    public async Task AnApiErrorOnThePatchGivesAClearMessageAndNothingMoreIsSent()
    {
        Label("baseline", null);
        PatchStatus = 500;

        var outcome = await RunAsync(Request());

        Assert.Equal(DebugStatus.Failed, outcome.Status);
        Assert.Contains("the API server did not add the debug container", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("etcdserver: request timed out", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(["GET " + PodPath, "GET /api/v1/namespaces/team-a", "PATCH " + PodPath + "/ephemeralcontainers"], Requests());
    }

    [Fact]
    public async Task WhoAskedAndWhyAreRecordedInAnAnnotationUnlessOptedOut()
    {
        Label("restricted", null);

        await RunAsync(Request() with { Reason = "INC-4411 stuck requests" });
        var annotation = Assert.Single(_bodies, b => b.Request == "PATCH " + PodPath);
        Assert.Equal("application/merge-patch+json", annotation.ContentType.Split(';')[0]);
        var value = JsonNode.Parse(JsonNode.Parse(annotation.Body)!["metadata"]!["annotations"]!["debug.kubeguard.io/debugger-test"]!.GetValue<string>())!;
        Assert.Equal("alice", value["requestedBy"]!.GetValue<string>());
        Assert.Equal("INC-4411 stuck requests", value["reason"]!.GetValue<string>());
        Assert.Equal("restricted", value["profile"]!.GetValue<string>());

        _bodies.Clear();
        await RunAsync(Request() with { ContainerName = "debugger-two", Annotate = false });
        Assert.DoesNotContain(_bodies, b => b.Request == "PATCH " + PodPath);
        Assert.Single(_bodies);
    }

    [Fact]
    public async Task ADryRunReadsThePodAndNamespaceAndSendsNothingElse()
    {
        Label("restricted", "v1.30");

        var outcome = await RunAsync(Request(), dryRun: true);

        Assert.Equal(DebugStatus.Planned, outcome.Status);
        Assert.True(outcome.Plan!.Verdict.Allowed);
        Assert.Equal(DebugProfile.Restricted, outcome.Plan.Profile);
        Assert.Equal(["GET " + PodPath, "GET /api/v1/namespaces/team-a"], Requests());
    }

    private static DebugRequest Request() => new(PodName, Ns, "debugger-test") { RequestedBy = "alice", Wait = TimeSpan.FromSeconds(10) };

    private async Task<DebugOutcome> RunAsync(DebugRequest request, bool dryRun = false)
    {
        var (client, server, failure) = ClusterConnection.Create(new ConnectionOptions(Path.Combine(_directory, "kubeconfig")));
        Assert.Null(failure);
        using (client)
        {
            return await new DebugSession(client!, server, TimeProvider.System) { PollInterval = TimeSpan.FromMilliseconds(20) }.RunAsync(request, dryRun, CancellationToken.None);
        }
    }

    private List<string> Requests() => [.. _server.Requests];

    private void Label(string? level, string? version)
    {
        var labels = new JsonObject { ["kubernetes.io/metadata.name"] = Ns };
        if (level is not null)
        {
            labels["pod-security.kubernetes.io/enforce"] = level;
        }

        if (version is not null)
        {
            labels["pod-security.kubernetes.io/enforce-version"] = version;
        }

        _namespaces.Add(new JsonObject
        {
            ["kind"] = "Namespace",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["name"] = Ns, ["uid"] = "0c7d2e41-9b3a-4f55-8e60-71a2d4c9b8f3", ["resourceVersion"] = "912", ["labels"] = labels },
            ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
            ["status"] = new JsonObject { ["phase"] = "Active" },
        });
    }

    private async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        lock (_bodies)
        {
            _bodies.Add(($"{context.Request.Method} {context.Request.Path}", context.Request.ContentType ?? string.Empty, body));
        }

        return body;
    }

    private async Task PatchEphemeralAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (PatchStatus != 200)
        {
            await FakeKubeApiServer.WriteJsonAsync(context, PatchStatus, FakeKubeApiServer.Status(PatchStatus, "InternalError", "Internal error occurred: etcdserver: request timed out"));
            return;
        }

        var spec = _pod["spec"]!.AsObject();
        var list = spec["ephemeralContainers"] as JsonArray ?? [];
        spec["ephemeralContainers"] = list;
        foreach (var added in JsonNode.Parse(body)!["spec"]!["ephemeralContainers"]!.AsArray())
        {
            var container = added!.DeepClone().AsObject();
            container["terminationMessagePath"] = "/dev/termination-log";
            container["terminationMessagePolicy"] = "File";
            list.Add(container);
            var statuses = _pod["status"]!["ephemeralContainerStatuses"] as JsonArray ?? [];
            _pod["status"]!["ephemeralContainerStatuses"] = statuses;
            statuses.Add(new JsonObject
            {
                ["name"] = container["name"]!.GetValue<string>(),
                ["image"] = container["image"]!.GetValue<string>(),
                ["ready"] = false,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-11-27T02:40:00Z" } },
            });
        }

        await FakeKubeApiServer.WriteJsonAsync(context, 200, _pod.ToJsonString());
    }

    private async Task PatchPodAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var metadata = _pod["metadata"]!.AsObject();
        var annotations = metadata["annotations"] as JsonObject ?? [];
        metadata["annotations"] = annotations;
        foreach (var (key, value) in JsonNode.Parse(body)!["metadata"]!["annotations"]!.AsObject())
        {
            annotations[key] = value!.DeepClone();
        }

        await FakeKubeApiServer.WriteJsonAsync(context, 200, _pod.ToJsonString());
    }
}
