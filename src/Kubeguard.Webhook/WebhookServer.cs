using System.Net.Security;
using k8s;
using Kubeguard.Admission;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook;

/// <summary>Builds the webhook's Kestrel application from <see cref="WebhookOptions"/>.</summary>
public static partial class WebhookServer
{
    /// <summary>
    /// Validates the options, loads the configuration, certificate and namespace source, and returns
    /// the application, not yet started.
    /// </summary>
    /// <param name="options">What to run.</param>
    /// <param name="configureLogging">Logging setup; structured JSON on the console when null.</param>
    /// <param name="namespaceSource">A namespace source to use instead of the options' file or cluster (tests).</param>
    /// <exception cref="WebhookStartupException">Something in the options cannot be used; the message says what.</exception>
    public static WebApplication Create(WebhookOptions options, Action<ILoggingBuilder>? configureLogging = null, INamespaceSource? namespaceSource = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var listen = ListenAddress.Parse(options.Listen);
        var configuration = LoadConfiguration(options.ConfigFile);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        CertificateReloader? certificates = null;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionEndpoint.MaxBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(90);
            kestrel.Listen(listen.Address, listen.Port, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http1AndHttp2;
                endpoint.UseHttps(new TlsHandshakeCallbackOptions
                {
                    HandshakeTimeout = TimeSpan.FromSeconds(10),
                    OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = certificates!.Context,
                        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    }),
                });
            });
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Kubeguard.Webhook");
        INamespaceSource source;
        Action? started;
        try
        {
            certificates = new CertificateReloader(options.TlsCertFile, options.TlsPrivateKeyFile, options.CertificateCheckInterval, logger);
            (source, started) = namespaceSource is null ? CreateSource(options, logger) : (namespaceSource, null);
        }
        catch (WebhookStartupException)
        {
            certificates?.Dispose();
            ((IDisposable)app).Dispose();
            throw;
        }

        var metrics = new AdmissionMetrics();
        var evaluator = new AdmissionEvaluator(configuration, source);
        var checks = options.Checks is null ? null : new AdmissionChecks(options.Checks, source);
        var endpoint = new AdmissionEndpoint(evaluator, checks, metrics, TimeProvider.System, options.BodyReadTimeout, logger);
        var readiness = source as INamespaceReadiness;

        var images = ImageEndpoint.Create(options, source);
        if (images is not null)
        {
            app.Lifetime.ApplicationStopped.Register(images.Dispose);
        }

        app.Run(WebhookRoutes.Create(endpoint, images, metrics, readiness));

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            started?.Invoke();
            var urls = string.Join(", ", app.Urls);
            LogListening(logger, urls);
        });
        app.Lifetime.ApplicationStopping.Register(() => LogStopping(logger));
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            certificates?.Dispose();
            if (source is IAsyncDisposable disposable)
            {
                disposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            else if (source is IDisposable plain)
            {
                plain.Dispose();
            }
        });
        return app;
    }

    private static PodSecurityConfiguration LoadConfiguration(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return PodSecurityConfiguration.Default;
        }

        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new WebhookStartupException($"cannot read --config {file}: {ex.Message}", ex);
        }

        var result = PodSecurityConfigurationLoader.Load(text);
        return result.Succeeded
            ? result.Configuration!
            : throw new WebhookStartupException($"invalid PodSecurityConfiguration in {file}: {result.Message}");
    }

    private static (INamespaceSource Source, Action? Start) CreateSource(WebhookOptions options, ILogger log)
    {
        if (!string.IsNullOrEmpty(options.NamespacesFile))
        {
            if (!string.IsNullOrEmpty(options.Kubeconfig))
            {
                throw new WebhookStartupException("use either --namespaces-file or --kubeconfig, not both");
            }

            var fileSource = new NamespaceFileSource(options.NamespacesFile, options.NamespacesFileCheckInterval, log);
            return (fileSource, null);
        }

        KubernetesClientConfiguration config;
        try
        {
            config = !string.IsNullOrEmpty(options.Kubeconfig)
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(options.Kubeconfig)
                : KubernetesClientConfiguration.IsInCluster()
                    ? KubernetesClientConfiguration.InClusterConfig()
                    : throw new WebhookStartupException("no namespace source: pass --namespaces-file or --kubeconfig, or run inside a cluster");
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            throw new WebhookStartupException($"cannot use the kubeconfig: {ex.Message}", ex);
        }

        var clusterSource = new KubernetesNamespaceSource(new KubernetesWatchClient(config), log);
        return (clusterSource, clusterSource.Start);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "kubeguard webhook listening on {Urls}")]
    private static partial void LogListening(ILogger logger, string urls);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping: no new connections; finishing in-flight reviews")]
    private static partial void LogStopping(ILogger logger);

}
