namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>A projected service-account token with no audience.</summary>
internal static class ProjectedTokenWithoutAudience
{
    public const string Id = "projected-token-without-audience";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.WorkloadIdentity,
        "Projected token without an audience",
        "A projected token with no audience is issued for the Kubernetes API server itself, so the pod carries a full API credential even when it only needs to prove its identity to one service (Vault, a cloud provider, another workload). Any service that receives it can replay it against the API server. An explicit audience limits the token to the one party meant to read it. The volume the API server injects for the automounted token (kube-api-access-*) is left to service-account-token-automounted.",
        "Set serviceAccountToken.audience to the service that will validate the token, e.g. audience: vault.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context) =>
        from t in ProjectedTokens.In(context.Inventory)
        where string.IsNullOrWhiteSpace(t.Token.Audience)
        select CheckHit.On(t.Workload.Item, t.JsonPath + ".audience",
            $"{t.Workload.Display} volume \"{t.Volume}\" projects a service-account token without an audience");
}
