using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubeguard.Cli.Commands;
using Kubeguard.Testing;
using Kubeguard.Webhook;

namespace Kubeguard.Cli.Tests;

public sealed class WebhookCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubeguard-webhook-cli-").FullName;

    public WebhookCommandTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(_directory, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());
    }

    private WebhookOptions Options => new()
    {
        Listen = "127.0.0.1:0",
        TlsCertFile = Path.Combine(_directory, "tls.crt"),
        TlsPrivateKeyFile = Path.Combine(_directory, "tls.key"),
        NamespacesFile = Path.Combine(Fixtures.RepositoryRoot, "tests", "fixtures", "admission", "namespaces.yaml"),
    };

    [Fact]
    public async Task An_invalid_configuration_is_one_line_on_stderr_and_an_input_error()
    {
        var config = Path.Combine(_directory, "config.yaml");
        await File.WriteAllTextAsync(config, "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndeflaults: {}\n");
        var error = new StringWriter();

        var code = await WebhookCommand.RunAsync(Options with { ConfigFile = config }, error, CancellationToken.None);

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Equal($"kubeguard webhook: invalid PodSecurityConfiguration in {config}: strict decoding error: unknown field \"deflaults\"\n", error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_server_runs_until_cancelled_and_then_exits_cleanly()
    {
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();

        var run = WebhookCommand.RunAsync(Options, error, stop.Token);
        await Task.Delay(500);
        Assert.False(run.IsCompleted, error.ToString());
        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task Missing_tls_options_are_a_usage_error()
    {
        var root = new RootCommand { WebhookCommand.Create() };
        var error = new StringWriter();

        var code = await CliHost.RunAsync(root, ["webhook", "--listen", "127.0.0.1:0"], new StringWriter(), error);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--tls-cert-file", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--deny-on", "high")]
    [InlineData("--allowed-registries", "quay.io")]
    public async Task Check_options_without_checks_are_a_usage_error(string option, string value)
    {
        var root = new RootCommand { WebhookCommand.Create() };
        var error = new StringWriter();

        var code = await CliHost.RunAsync(root, ["webhook", "--tls-cert-file", "a", "--tls-private-key-file", "b", option, value], new StringWriter(), error);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--deny-on, --exemptions and --allowed-registries need --checks", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--checks", "supply-chian", "unknown check family \"supply-chian\"")]
    [InlineData("--deny-on", "severe", "unknown severity \"severe\"")]
    [InlineData("--shutdown-timeout", "15", "--shutdown-timeout must be a duration such as 25s or 1m")]
    public async Task Bad_values_of_the_new_options_are_usage_errors(string option, string value, string message)
    {
        var root = new RootCommand { WebhookCommand.Create() };
        var error = new StringWriter();

        var code = await CliHost.RunAsync(root, ["webhook", "--tls-cert-file", "a", "--tls-private-key-file", "b", "--checks", "all", option, value], new StringWriter(), error);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_exemptions_file_stops_startup_with_its_problems()
    {
        var file = Path.Combine(_directory, "exemptions.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: kubeguard.io/v1alpha1\nkind: Exemptions\nexemptions:\n  - check: no-such-check\n    name: x\n    reason: r\n    owner: o\n    expires: 2030-01-01\n");
        var error = new StringWriter();

        var code = await WebhookCommand.RunAsync(Options, error, CancellationToken.None, new WebhookCommand.CheckRequest(["all"], null, file, []));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.StartsWith("kubeguard webhook: invalid exemptions: " + file + ":", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-such-check", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_options_become_admission_check_options()
    {
        var (options, problem) = WebhookCommand.BuildChecks(new WebhookCommand.CheckRequest(["supply-chain", "tee"], "HIGH", null, ["quay.io", "ghcr.io/acme"]));

        Assert.Null(problem);
        Assert.Equal([Checks.CheckFamily.SupplyChain, Checks.CheckFamily.Tee], options!.Checks.Families.Order().ToArray());
        Assert.Equal(Checks.Severity.High, options.DenyOn);
        Assert.Equal(["quay.io", "ghcr.io/acme"], options.Checks.AllowedRegistries.ToArray());
        Assert.Equal(Checks.CheckFamilies.All.Count, WebhookCommand.BuildChecks(new WebhookCommand.CheckRequest(["all"], null, null, [])).Options!.Checks.Families.Count);
    }

    [Fact]
    public void The_deploy_manifests_pass_kubeguard_scan_at_restricted()
    {
        // Pod Security alone: every workload is allowed.
        var (exit, output, error) = ScanCli.Run(null, "--level", "restricted", "--format", "json", "--no-beyond-pss", "deploy");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Contains("\"kind\": \"Deployment\"", output, StringComparison.Ordinal);
        Assert.Contains("\"denied\": 0", output, StringComparison.Ordinal);

        // With the checks beyond Pod Security, nothing reaches the default failure threshold (medium).
        var (all, _, allError) = ScanCli.Run(null, "--level", "restricted", "--format", "json", "deploy");
        Assert.Equal(ExitCodes.Success, all);
        Assert.Empty(allError);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
