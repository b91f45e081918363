namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>The pod gets an API token mounted because neither it nor its ServiceAccount opts out.</summary>
internal static class ServiceAccountTokenAutomounted
{
    public const string Id = "service-account-token-automounted";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.WorkloadIdentity,
        "Service-account token mounted",
        "Unless the pod or its ServiceAccount sets automountServiceAccountToken: false, every container gets a token for the Kubernetes API at /var/run/secrets/kubernetes.io/serviceaccount. Most applications never call the API, but anyone who gains code execution in the container, or can read its files through a path traversal, can use the token with every permission granted to the service account. The pod's own setting wins over the ServiceAccount's; a ServiceAccount that was not read counts as not opting out.",
        "Set automountServiceAccountToken: false on the ServiceAccount (or the pod), and mount a projected token only into pods that call the API.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "ServiceAccount"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var workload in context.Inventory.Workloads)
        {
            var path = $"{workload.Pod.SpecPath}.automountServiceAccountToken";
            var name = workload.ServiceAccountName;
            switch (workload.Spec.AutomountServiceAccountToken)
            {
                case false:
                    continue;
                case true:
                    yield return CheckHit.On(workload.Item, path,
                        $"{workload.Display} mounts a token of service account \"{name}\" (the pod sets automountServiceAccountToken: true)");
                    continue;
            }

            var account = context.Inventory.ServiceAccount(workload.Namespace, name);
            if (account?.AutomountServiceAccountToken == false)
            {
                continue;
            }

            var why = account is null
                ? $"the pod does not opt out and ServiceAccount \"{name}\" was not read"
                : $"neither the pod nor ServiceAccount \"{name}\" sets automountServiceAccountToken: false";
            yield return CheckHit.On(workload.Item, path, $"{workload.Display} mounts a token of service account \"{name}\" ({why})");
        }
    }
}
