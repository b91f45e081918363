namespace Kubeguard.Checks;

/// <summary>Recognises monitoring components by image name or well-known labels.</summary>
public static class Monitoring
{
    /// <summary>The components recognised, by their usual image and app name.</summary>
    public static IReadOnlySet<string> Components { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "prometheus", "alertmanager", "node-exporter", "kube-state-metrics", "grafana",
    };

    private static readonly string[] NameLabels = ["app.kubernetes.io/name", "app", "k8s-app", "name"];

    /// <summary>
    /// The component a workload runs (an image whose repository name is one of
    /// <see cref="Components"/>, or a name label with that value), or null.
    /// </summary>
    public static string? ComponentOf(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        foreach (var container in WorkloadContainers.Of(workload))
        {
            var name = ImageReference.Parse(container.Image).Name;
            if (Components.Contains(name))
            {
                return name;
            }
        }

        foreach (var label in NameLabels)
        {
            if (workload.PodLabels.TryGetValue(label, out var value) && value is not null && Components.Contains(value))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>Helpers shared by the checks that look at Services.</summary>
internal static class Exposure
{
    /// <summary>True for Service types reachable from outside the cluster.</summary>
    public static bool IsExternalType(string? type) => type is "NodePort" or "LoadBalancer";

    /// <summary><c>Kind name</c> of each workload, sorted and quoted.</summary>
    public static string Names(IEnumerable<Workload> workloads) => Text.QuoteJoin(workloads.Select(w => w.Display));
}
