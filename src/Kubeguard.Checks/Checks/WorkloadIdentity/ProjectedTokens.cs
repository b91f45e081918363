using k8s.Models;

namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>Finds projected service-account tokens written into pod specs.</summary>
internal static class ProjectedTokens
{
    /// <summary>
    /// The prefix of the volume the API server injects for the automounted token: it is reported
    /// by <c>service-account-token-automounted</c>, not as a projected token the author chose.
    /// </summary>
    public const string InjectedVolumePrefix = "kube-api-access-";

    /// <summary>Every projected token source, with its volume name and JSON path.</summary>
    public static IEnumerable<(Workload Workload, string Volume, V1ServiceAccountTokenProjection Token, string JsonPath)> In(Inventory inventory)
    {
        foreach (var workload in inventory.Workloads)
        {
            var volumes = workload.Spec.Volumes;
            for (var v = 0; v < (volumes?.Count ?? 0); v++)
            {
                var volume = volumes![v];
                var sources = volume?.Projected?.Sources;
                if (volume is null || sources is null || (volume.Name ?? string.Empty).StartsWith(InjectedVolumePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                for (var s = 0; s < sources.Count; s++)
                {
                    if (sources[s]?.ServiceAccountToken is { } token)
                    {
                        yield return (workload, volume.Name ?? string.Empty, token,
                            $"{workload.Pod.SpecPath}.volumes[{v}].projected.sources[{s}].serviceAccountToken");
                    }
                }
            }
        }
    }
}
