using k8s.Models;

namespace Kubeguard.Checks.WorkloadIdentity;

/// <summary>A Secret of type <c>kubernetes.io/service-account-token</c>: a token that never expires.</summary>
internal static class LegacyServiceAccountTokenSecret
{
    public const string Id = "legacy-service-account-token-secret";

    public const string TokenType = "kubernetes.io/service-account-token";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.WorkloadIdentity,
        "Legacy long-lived service-account token",
        "A Secret of type kubernetes.io/service-account-token holds a token with no expiry and no audience, stored in etcd and readable by anyone who can read Secrets in the namespace. Copied out once, for example from a backup, a CI log or a kubeconfig, it keeps working until the Secret or the service account is deleted, unlike the bound tokens the kubelet rotates.",
        "Delete the Secret and request short-lived tokens instead (a projected serviceAccountToken volume, or kubectl create token / the TokenRequest API for clients outside the cluster).",
        Evaluate)
    {
        Reads = ["Secret"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (secret, item) in context.Inventory.OfType<V1Secret>())
        {
            if (secret.Type != TokenType)
            {
                continue;
            }

            var account = item.Annotations.TryGetValue("kubernetes.io/service-account.name", out var n) && !string.IsNullOrEmpty(n) ? n : "(unnamed)";
            yield return CheckHit.On(item, "type",
                $"Secret \"{item.Name}\" holds a long-lived token for service account \"{account}\"");
        }
    }
}
