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

    [Fact]
    public void The_deploy_manifests_pass_kubeguard_scan_at_restricted()
    {
        var (exit, output, error) = ScanCli.Run(null, "--level", "restricted", "--format", "json", "deploy");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Empty(error);
        Assert.Contains("\"kind\": \"Deployment\"", output, StringComparison.Ordinal);
        Assert.Contains("\"denied\": 0", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
