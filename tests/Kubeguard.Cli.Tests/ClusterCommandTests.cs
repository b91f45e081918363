using System.Text.Json;
using Kubeguard.Cli.Commands;
using Kubeguard.Testing;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cli.Tests;

/// <summary>
/// <c>kubeguard cluster audit|plan</c> in-process, against a local API server on 127.0.0.1 that
/// speaks the Kubernetes wire format and serves the recorded-style lists of
/// <c>tests/fixtures/cluster/mixed/</c> (there is no kube-apiserver here); the command reaches it
/// through the real KubernetesClient with a kubeconfig written to a temporary folder.
/// </summary>
public sealed class ClusterCommandTests : IAsyncLifetime
{
    private FakeKubeApiServer _server = null!;
    private string _directory = string.Empty;
    private string _kubeconfig = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _server.ServeRecordedLists(Path.Combine(Fixtures.Root, "cluster", "mixed"));
        _directory = Directory.CreateTempSubdirectory("kubeguard-cli-cluster-").FullName;
        _kubeconfig = _server.WriteKubeconfig(_directory);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private ClusterRequest Request(bool plan, string format, string[]? namespaces = null, string? config = null, string? output = null) =>
        new(plan, _kubeconfig, null, namespaces ?? [], false, null, null, config, format, output);

    private static async Task<(int Code, string Output, string Error)> RunAsync(ClusterRequest request)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ClusterCommand.RunAsync(request, output, error, null, TimeProvider.System, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Audit_json_uses_the_scan_results_shape_with_level_and_version_from_the_namespace_labels()
    {
        var (code, output, _) = await RunAsync(Request(plan: false, "json"));

        Assert.Equal(ExitCodes.Findings, code);
        using var json = JsonDocument.Parse(output);
        var result = json.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "debug-shell");
        Assert.Equal("Pod", result.GetProperty("kind").GetString());
        Assert.Equal("prod", result.GetProperty("namespace").GetString());
        Assert.Equal("baseline", result.GetProperty("level").GetString());
        Assert.Equal("latest", result.GetProperty("version").GetString());
        Assert.False(result.GetProperty("allowed").GetBoolean());
        var violation = Assert.Single(result.GetProperty("violations").EnumerateArray());
        Assert.Equal("privileged", violation.GetProperty("check").GetString());
        Assert.Equal("container \"agent\" must not set securityContext.privileged=true", violation.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Plan_json_gives_each_namespace_its_labels_strictest_level_and_what_breaks_beyond_it()
    {
        var (code, output, _) = await RunAsync(Request(plan: true, "json"));

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        var locked = json.RootElement.GetProperty("namespaces").EnumerateArray().Single(n => n.GetProperty("namespace").GetString() == "locked");
        Assert.Equal("restricted", locked.GetProperty("labels").GetProperty("pod-security.kubernetes.io/enforce").GetString());
        Assert.Equal("restricted:v1.18", locked.GetProperty("strictest").GetString());
        var stricter = Assert.Single(locked.GetProperty("stricter").EnumerateArray());
        Assert.Equal("restricted:v1.36", stricter.GetProperty("policy").GetString());
        var payments = Assert.Single(stricter.GetProperty("violations").EnumerateArray());
        Assert.Equal("payments", payments.GetProperty("name").GetString());
        Assert.Equal("unrestricted capabilities, seccompProfile", payments.GetProperty("reasons").GetString());
        Assert.Contains("pod-security.kubernetes.io/enforce-version=v1.18", locked.GetProperty("kubectl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_table_prints_the_label_command_for_each_namespace()
    {
        var (_, output, _) = await RunAsync(Request(plan: true, "table", ["clean"]));

        Assert.StartsWith("NAMESPACE  ENFORCE NOW        STRICTEST TODAY   PODS  TEMPLATES", output, StringComparison.Ordinal);
        Assert.Contains("kubectl label --overwrite namespace clean pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=v1.36", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_writes_one_policy_report_per_namespace()
    {
        var path = Path.Combine(_directory, "reports.yaml");

        var (code, output, _) = await RunAsync(Request(plan: false, "policyreport", output: path));

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Empty(output);
        var text = await File.ReadAllTextAsync(path);
        Assert.Equal(7, text.Split('\n').Count(l => l == "kind: \"PolicyReport\""));
    }

    [Fact]
    public async Task Audit_sarif_and_junit_come_from_the_shared_writers()
    {
        var (_, sarif, _) = await RunAsync(Request(plan: false, "sarif"));
        var (_, junit, _) = await RunAsync(Request(plan: false, "junit"));

        Assert.Equal("2.1.0", JsonDocument.Parse(sarif).RootElement.GetProperty("version").GetString());
        Assert.Contains("<testsuites", junit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_namespace_that_could_not_be_read_is_named_on_stderr_and_the_exit_code_says_so()
    {
        _server.Forbid("pods", "team-b");

        var (code, _, error) = await RunAsync(Request(plan: true, "table"));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("kubeguard cluster plan: not read: pods in team-b: pods is forbidden: User", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_credentials_are_one_clear_line()
    {
        _server.Token = "rotated";

        var (code, output, error) = await RunAsync(Request(plan: false, "table"));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Empty(output);
        Assert.StartsWith("kubeguard cluster audit: the API server at http://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_invalid_pod_security_configuration_names_the_field()
    {
        var config = Path.Combine(_directory, "psa.yaml");
        await File.WriteAllTextAsync(config, "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: strict\n");

        var (code, _, error) = await RunAsync(Request(plan: true, "table", config: config));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("defaults.enforce", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_and_all_namespaces_together_are_a_usage_error()
    {
        var (code, _, error) = await RunAsync(Request(plan: true, "table", ["prod"]) with { AllNamespaces = true });

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("cannot be combined", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_reaches_the_cluster_through_the_kubeconfig_option()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CliHost.RunAsync(
            new System.CommandLine.RootCommand { ClusterCommand.Create() },
            ["cluster", "plan", "--kubeconfig", _kubeconfig, "-n", "clean", "--format", "json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("\"strictest\": \"restricted:v1.36\"", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psp_maps_policy_files_to_levels()
    {
        var file = Path.Combine(Fixtures.Root, "cluster", "psp", "podsecuritypolicies.json");

        var (code, output, _) = await RunAsync(Request(plan: true, "table") with { Psp = true, PspFiles = [file] });

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PodSecurityPolicy restricted-psp: equivalent to or stricter than baseline:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Psp_reads_an_older_cluster_and_names_the_namespaces_that_used_each_policy()
    {
        _server.ServeRecordedLists(Path.Combine(Fixtures.Root, "cluster", "psp"));

        var (code, output, _) = await RunAsync(Request(plan: true, "json") with { Psp = true });

        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        var legacy = json.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "restricted-psp");
        Assert.Equal("baseline:v1.36", legacy.GetProperty("equivalent").GetString());
        Assert.Equal(2, legacy.GetProperty("namespaces").GetProperty("prod").GetInt32());
    }
}
