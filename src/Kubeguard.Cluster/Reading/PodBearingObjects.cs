using System.Text.Json.Nodes;
using k8s;
using Kubeguard.Cluster.Connection;

namespace Kubeguard.Cluster.Reading;

/// <summary>A Pod or pod-bearing workload read from the cluster, as its JSON.</summary>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="ApiVersion">The API version, e.g. <c>apps/v1</c>.</param>
/// <param name="Json">The object as JSON, with <c>kind</c> and <c>apiVersion</c> set.</param>
public sealed record PodBearingObject(string Kind, string ApiVersion, JsonObject Json);

/// <summary>
/// Reads every Pod and every pod-bearing workload (the kinds in <see cref="ResourceKind.Workloads"/>)
/// as raw JSON, page by page, for callers that look at fields the Pod Security reader does not
/// keep (container images, for image verification). A list that fails is reported and the others
/// are still read.
/// </summary>
public static class PodBearingObjects
{
    /// <summary>The objects of every kind in <paramref name="namespaces"/> (all when empty), and one line per list that failed.</summary>
    public static async Task<(IReadOnlyList<PodBearingObject> Objects, IReadOnlyList<ClusterFailure> Failures)> ReadAsync(
        IKubernetes client, string server, IReadOnlyList<string> namespaces, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        var lister = new PagedLister(client, server, pageSize);
        var objects = new List<PodBearingObject>();
        var failures = new List<ClusterFailure>();
        List<string?> scopes = namespaces.Count == 0 ? [null] : [.. namespaces];
        foreach (var kind in new[] { ResourceKind.Pod }.Concat(ResourceKind.Workloads))
        {
            var apiVersion = kind.Group.Length == 0 ? "v1" : kind.Group + "/v1";
            foreach (var scope in scopes)
            {
                var read = new List<PodBearingObject>();
                var failure = await lister.ListAsync(
                    kind,
                    scope,
                    null,
                    (page, _) =>
                    {
                        foreach (var item in page.Items)
                        {
                            if (JsonNode.Parse(KubernetesJson.Serialize(item)) is JsonObject json)
                            {
                                json["kind"] = kind.Kind;
                                json["apiVersion"] = apiVersion;
                                read.Add(new PodBearingObject(kind.Kind, apiVersion, json));
                            }
                        }

                        return ValueTask.CompletedTask;
                    },
                    read.Clear,
                    cancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    failures.Add(failure with { Message = $"{kind.Resource}{(scope is null ? string.Empty : $" in {scope}")}: {failure.Message}" });
                    if (failure.IsFatal)
                    {
                        return (objects, failures);
                    }
                }

                objects.AddRange(read);
            }
        }

        return (objects, failures);
    }
}
