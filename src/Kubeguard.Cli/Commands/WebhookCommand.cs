using System.CommandLine;
using Kubeguard.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard webhook</c>: the Pod Security admission webhook over HTTPS.</summary>
internal static class WebhookCommand
{
    private static readonly Option<string> Listen = new("--listen")
    {
        Description = "Address to serve HTTPS on, HOST:PORT.",
        DefaultValueFactory = _ => "0.0.0.0:8443",
    };

    private static readonly Option<string> CertFile = new("--tls-cert-file")
    {
        Description = "PEM certificate (chain); reloaded when the file changes.",
        Required = true,
    };

    private static readonly Option<string> KeyFile = new("--tls-private-key-file")
    {
        Description = "PEM private key; reloaded when the file changes.",
        Required = true,
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "PodSecurityConfiguration file (pod-security.admission.config.k8s.io v1, v1beta1 or v1alpha1; JSON or YAML).",
    };

    private static readonly Option<string?> NamespacesFile = new("--namespaces-file")
    {
        Description = "Namespace (and Pod) manifests to read labels from instead of a cluster.",
    };

    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Kubeconfig for namespace lookups; in-cluster configuration when omitted.",
    };

    private static readonly Option<string?> ImagePolicy = new("--image-policy")
    {
        Description = "ImageVerificationPolicy file: verify image signatures at POST /mutate-images and /validate-images.",
    };

    private static readonly Option<string?> ImageDockerConfig = new("--image-docker-config")
    {
        Description = "Docker config file with registry credentials for image verification.",
    };

    private static readonly Option<string[]> ImageInsecureRegistry = new("--image-insecure-registry")
    {
        Description = "Speak plain HTTP to this registry HOST:PORT for image verification; loopback only (repeatable).",
    };

    public static Command Create()
    {
        var command = new Command("webhook", "Serve Pod Security admission (admission.k8s.io/v1 AdmissionReview) at POST /validate over HTTPS.")
        {
            Listen, CertFile, KeyFile, Config, NamespacesFile, Kubeconfig, ImagePolicy, ImageDockerConfig, ImageInsecureRegistry,
        };
        command.SetAction((parse, ct) => RunAsync(
            new WebhookOptions
            {
                Listen = parse.GetValue(Listen)!,
                TlsCertFile = parse.GetValue(CertFile)!,
                TlsPrivateKeyFile = parse.GetValue(KeyFile)!,
                ConfigFile = parse.GetValue(Config),
                NamespacesFile = parse.GetValue(NamespacesFile),
                Kubeconfig = parse.GetValue(Kubeconfig),
                ImagePolicyFile = parse.GetValue(ImagePolicy),
                ImageDockerConfigFile = parse.GetValue(ImageDockerConfig),
                ImageInsecureRegistries = parse.GetValue(ImageInsecureRegistry) ?? [],
            },
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    internal static async Task<int> RunAsync(WebhookOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = WebhookServer.Create(options);
        }
        catch (WebhookStartupException ex)
        {
            await error.WriteLineAsync($"kubeguard webhook: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"kubeguard webhook: cannot listen on {options.Listen}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            // SIGTERM or Ctrl+C: stop accepting, finish in-flight reviews, then return.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
