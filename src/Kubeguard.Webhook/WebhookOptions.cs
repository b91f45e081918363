using Kubeguard.Admission;

namespace Kubeguard.Webhook;

/// <summary>How to run the webhook.</summary>
public sealed record WebhookOptions
{
    /// <summary>Address to listen on, <c>HOST:PORT</c> (<c>0.0.0.0:8443</c>, <c>127.0.0.1:0</c>, <c>[::]:8443</c>).</summary>
    public string Listen { get; init; } = "0.0.0.0:8443";

    /// <summary>PEM certificate (chain) file; reloaded when it changes.</summary>
    public required string TlsCertFile { get; init; }

    /// <summary>PEM private key file; reloaded when it changes.</summary>
    public required string TlsPrivateKeyFile { get; init; }

    /// <summary>Optional <c>PodSecurityConfiguration</c> file (JSON or YAML).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Namespace (and Pod) manifests to use instead of a cluster.</summary>
    public string? NamespacesFile { get; init; }

    /// <summary>Kubeconfig for namespace lookups; in-cluster configuration when neither this nor <see cref="NamespacesFile"/> is set.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>
    /// How often <see cref="NamespacesFile"/> is checked for changes; a change is applied once the
    /// file has kept it for one more check.
    /// </summary>
    public TimeSpan NamespacesFileCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the certificate files are checked for changes.</summary>
    public TimeSpan CertificateCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long in-flight reviews may take to finish on shutdown.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a client may take to send its request body.</summary>
    public TimeSpan BodyReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks beyond Pod Security to run on admitted Pods and workloads (warnings, or denials from a
    /// severity on); null (the default) runs none and leaves every response exactly Pod Security's.
    /// </summary>
    public AdmissionCheckOptions? Checks { get; init; }

    /// <summary>
    /// Optional <c>ImageVerificationPolicy</c> file: when set, image signatures are verified at
    /// <c>POST /mutate-images</c> (pins verified Pods) and <c>POST /validate-images</c>.
    /// </summary>
    public string? ImagePolicyFile { get; init; }

    /// <summary>Docker config file with registry credentials for image verification.</summary>
    public string? ImageDockerConfigFile { get; init; }

    /// <summary>Registries (<c>HOST:PORT</c>, loopback only) spoken to over plain HTTP for image verification.</summary>
    public IReadOnlyList<string> ImageInsecureRegistries { get; init; } = [];
}
