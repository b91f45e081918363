using k8s.Models;

namespace Kubeguard.Checks.NetworkExposure;

/// <summary>Prometheus, Alertmanager, node-exporter, kube-state-metrics or Grafana reachable from outside.</summary>
internal static class MonitoringExposed
{
    public const string Id = "monitoring-exposed";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.NetworkExposure,
        "Monitoring component reachable from outside",
        "Prometheus, Alertmanager, node-exporter and kube-state-metrics answer without authentication by default, and their APIs map the cluster for an attacker: every pod, image, node, kernel version, Service and Secret name, often credentials in labels or scrape configuration, and on Prometheus the query, admin and lifecycle endpoints. Grafana adds its login page and plugins to the attack surface. Through a NodePort or LoadBalancer Service, or an Ingress, all of this faces the network. Components are recognised by image name (prometheus, alertmanager, node-exporter, kube-state-metrics, grafana) or by the app.kubernetes.io/name, app, k8s-app or name label.",
        "Keep monitoring Services ClusterIP, and reach them through an authenticating proxy (oauth2-proxy, kube-rbac-proxy) or kubectl port-forward.",
        Evaluate)
    {
        Reads = ["Service", "Ingress", "Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var inventory = context.Inventory;
        foreach (var (service, item) in inventory.OfType<V1Service>())
        {
            if (Exposure.IsExternalType(service.Spec?.Type) && Describe(inventory, item.EffectiveNamespace, service) is { } what)
            {
                yield return CheckHit.On(item, "spec.type", $"Service \"{item.Name}\" of type {service.Spec!.Type} exposes {what}");
            }
        }

        foreach (var (ingress, item) in inventory.OfType<V1Ingress>())
        {
            foreach (var (backend, path) in Backends(ingress))
            {
                if (inventory.Service(item.EffectiveNamespace, backend) is { } target
                    && Describe(inventory, item.EffectiveNamespace, target.Object) is { } what)
                {
                    yield return CheckHit.On(item, path, $"Ingress \"{item.Name}\" routes to Service \"{backend}\", which exposes {what}");
                }
            }
        }
    }

    private static string? Describe(Inventory inventory, string @namespace, V1Service service)
    {
        var found = inventory.SelectedBy(@namespace, service.Spec?.Selector)
            .Select(w => (Workload: w, Component: Monitoring.ComponentOf(w)))
            .Where(x => x.Component is not null)
            .Select(x => $"{x.Component} ({x.Workload.Display})")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return found.Count == 0 ? null : "monitoring " + string.Join(", ", found);
    }

    private static IEnumerable<(string Service, string JsonPath)> Backends(V1Ingress ingress)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (ingress.Spec?.DefaultBackend?.Service?.Name is { Length: > 0 } fallback && seen.Add(fallback))
        {
            yield return (fallback, "spec.defaultBackend.service.name");
        }

        var rules = ingress.Spec?.Rules;
        for (var r = 0; r < (rules?.Count ?? 0); r++)
        {
            var paths = rules![r]?.Http?.Paths;
            for (var p = 0; p < (paths?.Count ?? 0); p++)
            {
                if (paths![p]?.Backend?.Service?.Name is { Length: > 0 } name && seen.Add(name))
                {
                    yield return (name, $"spec.rules[{r}].http.paths[{p}].backend.service.name");
                }
            }
        }
    }
}
