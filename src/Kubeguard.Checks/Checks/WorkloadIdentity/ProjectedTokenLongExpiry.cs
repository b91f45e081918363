namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>A projected service-account token valid for longer than the configured maximum.</summary>
internal static class ProjectedTokenLongExpiry
{
    public const string Id = "projected-token-long-expiry";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.WorkloadIdentity,
        "Projected token with a long expiry",
        "The point of a projected token is that a stolen copy stops working soon. The kubelet refreshes it well before it expires, so a long expirationSeconds buys the workload nothing and gives whoever copies the token days or weeks of use. The threshold is 24 hours by default; tokens without expirationSeconds get the API server's default of one hour and are not reported.",
        "Lower serviceAccountToken.expirationSeconds to an hour or less (the default is 3600).",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context) =>
        from t in ProjectedTokens.In(context.Inventory)
        where t.Token.ExpirationSeconds > context.Options.MaxProjectedTokenSeconds
        select CheckHit.On(t.Workload.Item, t.JsonPath + ".expirationSeconds",
            $"{t.Workload.Display} volume \"{t.Volume}\" projects a service-account token valid for {t.Token.ExpirationSeconds} seconds (more than {context.Options.MaxProjectedTokenSeconds})");
}
