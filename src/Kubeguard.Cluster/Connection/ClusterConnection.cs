using k8s;
using k8s.Exceptions;

namespace Kubeguard.Cluster.Connection;

/// <summary>
/// Builds a KubernetesClient from kubeconfig rules: an explicit <c>--kubeconfig</c> file, else
/// <c>$KUBECONFIG</c> or <c>~/.kube/config</c>, else the in-cluster service account.
/// </summary>
public static class ClusterConnection
{
    /// <summary>Connects, or returns a <see cref="ClusterFailure"/> saying what is wrong with the configuration.</summary>
    public static (IKubernetes? Client, string Server, ClusterFailure? Failure) Create(ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        KubernetesClientConfiguration config;
        try
        {
            config = Configuration(options);
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or YamlDotNet.Core.YamlException)
        {
            return (null, string.Empty, new ClusterFailure(FailureKind.Configuration, $"cannot load the cluster configuration: {ex.Message}"));
        }

        config.HttpClientTimeout = options.RequestTimeout;
        return (new Kubernetes(config), config.Host ?? string.Empty, null);
    }

    private static KubernetesClientConfiguration Configuration(ConnectionOptions options)
    {
        if (!string.IsNullOrEmpty(options.KubeconfigPath))
        {
            if (!File.Exists(options.KubeconfigPath))
            {
                throw new KubeConfigException($"kubeconfig file \"{options.KubeconfigPath}\" does not exist");
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, options.Context);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        var home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
        if (!string.IsNullOrEmpty(fromEnvironment) || File.Exists(home) || !string.IsNullOrEmpty(options.Context))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile((string?)null, options.Context);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        throw new KubeConfigException("no kubeconfig found ($KUBECONFIG is unset and ~/.kube/config does not exist) and not running inside a cluster; pass --kubeconfig");
    }
}
