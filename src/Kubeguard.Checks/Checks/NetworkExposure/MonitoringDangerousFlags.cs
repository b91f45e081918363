namespace Kubeguard.Checks.NetworkExposure;

/// <summary>Prometheus started with its admin or lifecycle API switched on.</summary>
internal static class MonitoringDangerousFlags
{
    public const string Id = "monitoring-dangerous-flags";

    private static readonly string[] Flags = ["--web.enable-admin-api", "--web.enable-lifecycle"];

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.NetworkExposure,
        "Prometheus admin or lifecycle API enabled",
        "--web.enable-admin-api lets anyone who reaches Prometheus delete series (erasing the evidence of an attack) or fill the disk with snapshots; --web.enable-lifecycle lets them shut it down or reload it through /-/quit and /-/reload. Prometheus has no authentication of its own by default, so every pod that can reach the port holds these powers. A Prometheus Operator resource with spec.enableAdminAPI: true is reported too.",
        "Remove the flags (reload through the config-reloader sidecar or SIGHUP), or put an authenticating proxy in front and block /api/v1/admin/ and /-/ there.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "Prometheus (monitoring.coreos.com)"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var workload in context.Inventory.Workloads)
        {
            foreach (var container in WorkloadContainers.Of(workload))
            {
                var found = container.Arguments.Select(Enabled).Where(f => f is not null).Select(f => f!).ToList();
                if (found.Count > 0)
                {
                    yield return CheckHit.On(workload.Item, $"{container.JsonPath}.args",
                        $"{workload.Display} container \"{container.Name}\" starts with {string.Join(" and ", found.Distinct(StringComparer.Ordinal))}")
                        with { Container = container.Name, Image = container.Image };
                }
            }
        }

        foreach (var (prometheus, item) in context.Inventory.Unstructured("Prometheus", "monitoring.coreos.com"))
        {
            if (prometheus.BoolAt("spec.enableAdminAPI") == true)
            {
                yield return CheckHit.On(item, "spec.enableAdminAPI", $"Prometheus \"{item.Name}\" sets enableAdminAPI: true");
            }
        }
    }

    private static string? Enabled(string argument)
    {
        foreach (var flag in Flags)
        {
            // kingpin accepts --flag, --flag=true and the single-dash spelling.
            var text = argument.StartsWith("--", StringComparison.Ordinal) ? argument : "-" + argument;
            if (text == flag || (text.StartsWith(flag + "=", StringComparison.Ordinal) && Values.AsBool(text[(flag.Length + 1)..]) != false))
            {
                return flag;
            }
        }

        return null;
    }
}
