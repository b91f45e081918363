using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Reading;
using Kubeguard.Reporting;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Manifests;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// The image uses of a live cluster for <c>images verify --cluster</c>: every container image of
/// every Pod and pod-bearing workload, read with list calls only, each with its object as subject.
/// </summary>
internal static class ClusterImages
{
    public static async Task<(List<ImageUse> Uses, List<string> Problems)> ReadAsync(ImagesVerifyRequest request, CancellationToken cancellationToken)
    {
        var (client, server, failure) = ClusterConnection.Create(new ConnectionOptions(request.Kubeconfig, request.Context) { RequestTimeout = TimeSpan.FromSeconds(request.TimeoutSeconds) });
        using (client)
        {
            if (failure is not null || client is null)
            {
                return ([], [$"cluster: {failure?.Message ?? "no client"}"]);
            }

            var (objects, failures) = await PodBearingObjects.ReadAsync(client, server, request.Namespaces ?? [], 500, cancellationToken).ConfigureAwait(false);
            var uses = new List<ImageUse>();
            foreach (var item in objects)
            {
                var metadata = item.Json["metadata"];
                var subject = new Subject(item.ApiVersion, item.Kind, metadata?["namespace"]?.GetValue<string>(), metadata?["name"]?.GetValue<string>());
                uses.AddRange(PodImages.Find(item.Kind, item.Json).Select(i => new ImageUse(i.Reference, null, subject)));
            }

            return (uses, [.. failures.Select(f => $"cluster {server}: {f.Message}")]);
        }
    }
}
