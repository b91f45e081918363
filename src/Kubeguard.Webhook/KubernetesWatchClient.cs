using k8s;
using k8s.Autorest;

namespace Kubeguard.Webhook;

/// <summary>
/// A Kubernetes client that can also open a watch: a GET whose response is streamed line by line
/// as it arrives, sent through the client's own pipeline (credentials, TLS settings, HTTP/2).
/// </summary>
public sealed class KubernetesWatchClient(KubernetesClientConfiguration config) : Kubernetes(config)
{
    /// <summary>
    /// Sends a GET for <paramref name="relativeUri"/> (e.g. <c>api/v1/namespaces?watch=true</c>) and
    /// returns as soon as the headers arrive.
    /// </summary>
    /// <exception cref="HttpOperationException">The server answered with an error status.</exception>
    public Task<HttpResponseMessage> GetStreamAsync(string relativeUri, CancellationToken cancellationToken) =>
        SendRequest<object?>(relativeUri, HttpMethod.Get, null, null, cancellationToken);
}
