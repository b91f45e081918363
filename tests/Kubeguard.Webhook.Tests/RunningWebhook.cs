using Kubeguard.Admission;
using Kubeguard.Admission.Tests;
using Microsoft.AspNetCore.Builder;

namespace Kubeguard.Webhook.Tests;

/// <summary>The real webhook (Kestrel, TLS) on 127.0.0.1 with an ephemeral port and a generated certificate.</summary>
public sealed class RunningWebhook : IAsyncDisposable
{
    private RunningWebhook(WebApplication app, TestCertificates certificates)
    {
        App = app;
        Certificates = certificates;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public TestCertificates Certificates { get; }

    public Uri BaseAddress { get; }

    public static async Task<RunningWebhook> StartAsync(
        Func<WebhookOptions, WebhookOptions>? customize = null, INamespaceSource? namespaces = null, ListLogger? logs = null)
    {
        var certificates = new TestCertificates();
        certificates.IssueServerCertificate("kubeguard-webhook");
        var options = new WebhookOptions
        {
            Listen = "127.0.0.1:0",
            TlsCertFile = certificates.CertFile,
            TlsPrivateKeyFile = certificates.KeyFile,
            ConfigFile = Path.Combine(AdmissionFixtures.Directory, "config.yaml"),
            NamespacesFile = namespaces is null ? Path.Combine(AdmissionFixtures.Directory, "namespaces.yaml") : null,
            CertificateCheckInterval = TimeSpan.FromMilliseconds(100),
            ShutdownTimeout = TimeSpan.FromSeconds(10),
        };
        var app = WebhookServer.Create(customize?.Invoke(options) ?? options, logs is null ? _ => { } : logs.Configure, namespaces);
        await app.StartAsync();
        return new RunningWebhook(app, certificates);
    }

    public HttpClient Client(SocketsHttpHandler? handler = null) =>
        new(handler ?? Certificates.Handler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Certificates.Dispose();
    }
}
