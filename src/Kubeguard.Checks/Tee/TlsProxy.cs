using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>
/// Finds a TLS-terminating proxy in front of a KBS that itself serves plain HTTP: an Ingress with a
/// <c>tls</c> section, or an OpenShift Route with <c>tls.termination</c>, routing to a Service that
/// selects a workload mounting the KBS configuration (or to the Trustee operator's Service).
/// </summary>
internal static class TlsProxy
{
    /// <summary>"Ingress "x"" or "Route "y"" when one is found in the ConfigMap's namespace, else null.</summary>
    public static string? Find(Inventory inventory, InventoryObject configMap, string? operatorService)
    {
        var ns = configMap.EffectiveNamespace;
        var services = new HashSet<string>(StringComparer.Ordinal);
        if (operatorService is not null)
        {
            services.Add(operatorService);
        }

        var mounting = inventory.Workloads.Where(w => w.Namespace == ns && Mounts(w.Spec, configMap.Name)).ToList();
        foreach (var (service, item) in inventory.OfType<V1Service>().Where(s => s.Item.EffectiveNamespace == ns))
        {
            if (service.Spec?.Selector is { Count: > 0 } selector && inventory.SelectedBy(ns, selector).Any(mounting.Contains))
            {
                services.Add(item.Name);
            }
        }

        if (services.Count == 0)
        {
            return null;
        }

        foreach (var (ingress, item) in inventory.OfType<V1Ingress>().Where(i => i.Item.EffectiveNamespace == ns).OrderBy(i => i.Item.Name, StringComparer.Ordinal))
        {
            var backends = (ingress.Spec?.Rules ?? [])
                .SelectMany(r => r.Http?.Paths ?? [])
                .Select(p => p.Backend?.Service?.Name)
                .Append(ingress.Spec?.DefaultBackend?.Service?.Name);
            if (ingress.Spec?.Tls is { Count: > 0 } && backends.Any(b => b is not null && services.Contains(b)))
            {
                return $"Ingress \"{item.Name}\"";
            }
        }

        foreach (var (route, item) in inventory.Unstructured("Route", "route.openshift.io").Where(r => r.Item.EffectiveNamespace == ns).OrderBy(r => r.Item.Name, StringComparer.Ordinal))
        {
            if (route.At("spec.tls.termination")?.ToString() is { Length: > 0 } && route.At("spec.to.name")?.ToString() is { } target && services.Contains(target))
            {
                return $"Route \"{item.Name}\"";
            }
        }

        return null;
    }

    private static bool Mounts(V1PodSpec spec, string configMap) =>
        (spec.Volumes ?? []).Any(v => v.ConfigMap?.Name == configMap
            || (v.Projected?.Sources ?? []).Any(s => s.ConfigMap?.Name == configMap));
}
