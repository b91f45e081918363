using System.Collections.Immutable;
using Kubeguard.Checks.EncryptionInTransit;
using Kubeguard.Checks.NetworkExposure;
using Kubeguard.Checks.Rbac;
using Kubeguard.Checks.SupplyChain;
using Kubeguard.Checks.Tee;
using Kubeguard.Checks.WorkloadIdentity;

namespace Kubeguard.Checks;

/// <summary>The one list of built-in checks beyond Pod Security, in report order.</summary>
public static class BuiltInChecks
{
    /// <summary>Every check, grouped by family; findings are reported in this order.</summary>
    public static ImmutableArray<InventoryCheck> All { get; } =
    [
        ImageNotPinnedByDigest.Definition,
        ImageMutableTag.Definition,
        ImageRegistryNotAllowed.Definition,
        ImagePullPolicyTakesMovedTag.Definition,

        ServiceAccountTokenAutomounted.Definition,
        LegacyServiceAccountTokenSecret.Definition,
        ProjectedTokenWithoutAudience.Definition,
        ProjectedTokenLongExpiry.Definition,
        DefaultServiceAccount.Definition,

        ServiceExposedOutsideCluster.Definition,
        ServiceExternalIps.Definition,
        NamespaceWithoutDefaultDeny.Definition,
        MonitoringExposed.Definition,
        MonitoringDangerousFlags.Definition,

        CalicoWireguardDisabled.Definition,
        CiliumEncryptionDisabled.Definition,

        RbacWildcard.Definition,
        RbacSecretsReadClusterWide.Definition,
        RbacPodExecAttach.Definition,
        RbacEphemeralContainers.Definition,
        RbacEscalateBindImpersonate.Definition,
        RbacBindingToEveryone.Definition,
        RbacClusterAdminServiceAccount.Definition,

        Tee001NonConfidentialRuntime.Definition,
        Tee002AgentPolicyMissing.Definition,
        Tee003PolicyLetsHostIn.Definition,
        Tee004PrivilegeInTeePod.Definition,
        Tee005HostControlledStorage.Definition,
        Tee006PlainSecret.Definition,
        Tee007ImageNotPinned.Definition,
        Tee008NoImageSignaturePolicy.Definition,
        Tee009AttestationNotWired.Definition,
        Tee010DebugKnobs.Definition,
        Tee011RuntimeClassMismatch.Definition,
        Tee012TrusteeInsecure.Definition,
        Tee013DeclaredConfidentialRunsOrdinary.Definition,
        Tee014SharedConfidentialNode.Definition,
    ];

    /// <summary>The check with this ID, or null.</summary>
    public static InventoryCheck? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
