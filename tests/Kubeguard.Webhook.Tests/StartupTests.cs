using Kubeguard.Admission.Tests;

namespace Kubeguard.Webhook.Tests;

public class StartupTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public StartupTests() => _certificates.IssueServerCertificate("kubeguard-webhook");

    private WebhookOptions Options => new()
    {
        Listen = "127.0.0.1:0",
        TlsCertFile = _certificates.CertFile,
        TlsPrivateKeyFile = _certificates.KeyFile,
        NamespacesFile = Path.Combine(AdmissionFixtures.Directory, "namespaces.yaml"),
    };

    private static string StartupError(WebhookOptions options) =>
        Assert.Throws<WebhookStartupException>(() => WebhookServer.Create(options, logging => { })).Message;

    [Fact]
    public void An_invalid_configuration_file_stops_startup_with_every_error()
    {
        var file = Path.Combine(_certificates.Directory, "config.yaml");
        File.WriteAllText(file, "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: strict\nexemptions:\n  usernames: [\"\"]\n");

        var error = StartupError(Options with { ConfigFile = file });

        Assert.Equal(
            $"invalid PodSecurityConfiguration in {file}: [defaults.enforce: Invalid value: \"strict\": must be one of privileged, baseline, restricted, exemptions.usernames[0]: Invalid value: \"\": username must not be empty]",
            error);
    }

    [Fact]
    public void A_missing_certificate_stops_startup_with_the_file_names()
    {
        var error = StartupError(Options with { TlsCertFile = Path.Combine(_certificates.Directory, "missing.crt") });

        Assert.StartsWith($"cannot load TLS certificate {Path.Combine(_certificates.Directory, "missing.crt")} with key {_certificates.KeyFile}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_does_not_match_the_certificate_stops_startup()
    {
        var otherKey = Path.Combine(_certificates.Directory, "other.key");
        using var key = System.Security.Cryptography.ECDsa.Create();
        File.WriteAllText(otherKey, key.ExportPkcs8PrivateKeyPem());

        Assert.StartsWith("cannot load TLS certificate ", StartupError(Options with { TlsPrivateKeyFile = otherKey }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8443", "--listen 8443: expected HOST:PORT, e.g. 0.0.0.0:8443")]
    [InlineData("example.com:8443", "--listen example.com:8443: the host must be an IP address or localhost")]
    [InlineData("127.0.0.1:99999", "--listen 127.0.0.1:99999: expected HOST:PORT, e.g. 0.0.0.0:8443")]
    public void A_bad_listen_address_stops_startup(string listen, string error)
    {
        Assert.Equal(error, StartupError(Options with { Listen = listen }));
    }

    [Fact]
    public void Both_namespace_sources_at_once_are_refused()
    {
        Assert.Equal("use either --namespaces-file or --kubeconfig, not both", StartupError(Options with { Kubeconfig = "/dev/null" }));
    }

    [Fact]
    public void A_broken_namespace_document_is_reported_with_file_and_line_and_the_rest_is_kept()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: Namespace\nmetadata: [\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n";

        var (source, errors) = NamespaceManifestLoader.Load(text, "ns.yaml");

        Assert.Equal(2, source.NamespaceCount);
        var error = Assert.Single(errors);
        Assert.StartsWith("ns.yaml:", error, StringComparison.Ordinal);
        Assert.InRange(int.Parse(error.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture), 6, 8);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        GC.SuppressFinalize(this);
    }
}
