using System.Text.Json;
using Kubeguard.Testing;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cli.Tests;

/// <summary>
/// <c>kubeguard cluster audit</c> with the checks beyond Pod Security, run from the command line
/// in-process against a local API server on 127.0.0.1 that speaks the Kubernetes wire format and
/// serves <c>tests/fixtures/cluster/beyond/</c> (there is no kube-apiserver here).
/// </summary>
public sealed class ClusterAuditChecksTests : IAsyncLifetime
{
    private FakeKubeApiServer _server = null!;
    private string _directory = string.Empty;
    private string _kubeconfig = string.Empty;

    public async Task InitializeAsync()
    {
        _server = await FakeKubeApiServer.StartAsync();
        _server.ServeRecordedLists(Path.Combine(Fixtures.Root, "cluster", "beyond"));
        _directory = Directory.CreateTempSubdirectory("kubeguard-cli-cluster-checks-").FullName;
        _kubeconfig = _server.WriteKubeconfig(_directory);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int Code, string Output, string Error)> AuditAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliHost.RunAsync(
            new System.CommandLine.RootCommand { Commands.ClusterCommand.Create() },
            ["cluster", "audit", "--kubeconfig", _kubeconfig, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static List<(string Check, string Kind, string Name)> Violations(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("violations").EnumerateArray().Select(v =>
                (v.GetProperty("check").GetString()!, r.GetProperty("kind").GetString()!, r.GetProperty("name").GetString()!)))];
    }

    [Fact]
    public async Task Audit_json_reports_the_checks_beyond_pod_security_in_the_scan_shape()
    {
        var (code, output, _) = await AuditAsync("--format", "json");

        Assert.Equal(ExitCodes.Findings, code);
        var violations = Violations(output);
        Assert.Contains(("service-external-ips", "Service", "legacy"), violations);
        Assert.Contains(("rbac-cluster-admin-service-account", "ClusterRoleBinding", "ci-admin"), violations);
        Assert.Contains(("tee-001", "Pod", "enclave"), violations);
        // Exempted inline by the Service's exempt.kubeguard.io/service-exposed-outside-cluster annotation.
        Assert.DoesNotContain(violations, v => v.Check == "service-exposed-outside-cluster");
    }

    [Fact]
    public async Task No_beyond_pss_leaves_only_the_pod_security_audit()
    {
        var (code, output, _) = await AuditAsync("--format", "json", "--no-beyond-pss");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(Violations(output));
        Assert.DoesNotContain(_server.Requests, r => r.Contains("/services", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_on_sets_the_severity_from_which_findings_fail_the_audit()
    {
        var (medium, _, _) = await AuditAsync("--format", "json", "--checks", "supply-chain");
        var (critical, output, _) = await AuditAsync("--format", "json", "--checks", "supply-chain", "--fail-on", "critical");

        Assert.Equal(ExitCodes.Findings, medium);
        Assert.Equal(ExitCodes.Success, critical);
        Assert.Contains(("image-mutable-tag", "Deployment", "web"), Violations(output));
    }

    [Fact]
    public async Task Severity_overrides_apply_to_the_cluster_findings()
    {
        var (code, output, _) = await AuditAsync("--format", "json", "--checks", "rbac", "--severity", "rbac-cluster-admin-service-account=low", "--severity", "rbac-binding-to-everyone=low",
            "--severity", "rbac-wildcard=info", "--severity", "rbac-secrets-read-cluster-wide=low", "--fail-on", "medium");

        Assert.True(code == ExitCodes.Success, output);
        using var document = JsonDocument.Parse(output);
        var severity = document.RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("violations").EnumerateArray())
            .Single(v => v.GetProperty("check").GetString() == "rbac-cluster-admin-service-account")
            .GetProperty("severity").GetString();
        Assert.Equal("low", severity);
    }

    [Fact]
    public async Task An_exemptions_file_applies_to_cluster_findings_as_it_does_to_manifests()
    {
        var file = Path.Combine(_directory, "exemptions.yaml");
        await File.WriteAllTextAsync(file, """
            apiVersion: kubeguard.io/v1alpha1
            kind: Exemptions
            exemptions:
              - check: service-external-ips
                namespace: shop
                name: legacy
                reason: migration to a LoadBalancer is scheduled
                owner: team-shop
                expires: 2099-12-31
            """);

        var (_, output, _) = await AuditAsync("--format", "json", "--exemptions", file);

        Assert.DoesNotContain(Violations(output), v => v.Check == "service-external-ips");
        Assert.Contains(Violations(output), v => v.Check == "legacy-service-account-token-secret");
    }

    [Fact]
    public async Task A_forbidden_list_is_named_with_the_checks_it_leaves_incomplete()
    {
        _server.Forbid("networkpolicies", "*");

        var (code, output, error) = await AuditAsync("--format", "json", "--checks", "network-exposure", "--fail-on", "critical");

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("not read: networkpolicies in shop could not be read", error, StringComparison.Ordinal);
        Assert.Contains("these checks could not run completely: namespace-without-default-deny", error, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        Assert.Contains(document.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetProperty("message").GetString()!.Contains("networkpolicies in vault", StringComparison.Ordinal));
    }
}
