namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>Pods that run as their namespace's <c>default</c> service account.</summary>
internal static class DefaultServiceAccount
{
    public const string Id = "default-service-account";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.WorkloadIdentity,
        "Pod on the default service account",
        "Every pod in a namespace that names no service account shares the default one. Permissions granted to it for one workload silently apply to all of them, audit logs cannot tell them apart, and workload identity federation (cloud IAM, Vault, SPIFFE) cannot give each workload only what it needs.",
        "Create a ServiceAccount per workload and set spec.serviceAccountName (spec.template.spec.serviceAccountName for controllers).",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var workload in context.Inventory.Workloads)
        {
            if (workload.ServiceAccountName != "default")
            {
                continue;
            }

            var how = string.IsNullOrEmpty(workload.Spec.ServiceAccountName) && string.IsNullOrEmpty(workload.Spec.ServiceAccount)
                ? "names no service account, so it runs as \"default\""
                : "runs as the \"default\" service account";
            yield return CheckHit.On(workload.Item, $"{workload.Pod.SpecPath}.serviceAccountName", $"{workload.Display} {how}");
        }
    }
}
