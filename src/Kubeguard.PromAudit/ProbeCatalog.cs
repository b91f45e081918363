using System.Collections.Immutable;
using Kubeguard.PromAudit.Probes;

namespace Kubeguard.PromAudit;

/// <summary>Every built-in probe, in report order. Adding a probe adds one line here.</summary>
public static class ProbeCatalog
{
    /// <summary>The built-in probes.</summary>
    public static ImmutableArray<Probe> BuiltIn { get; } =
    [
        UnauthenticatedApi.Definition,
        PlainHttp.Definition,
        PermissiveCors.Definition,
        VersionDisclosure.Definition,
        PartialExposure.Definition,
        ConfigReadable.Definition,
        SecretsInConfig.Definition,
        TargetUrlLeaks.Definition,
        DroppedTargetInventory.Definition,
        RuntimeDisclosure.Definition,
        AlertingDisclosure.Definition,
        ScrapeHygiene.Definition,
        AdminApiEnabled.Definition,
        LifecycleApiEnabled.Definition,
        WriteReceiversEnabled.Definition,
        PprofExposed.Definition,
        FederationOpen.Definition,
        RemoteReadReachable.Definition,
        WeakQueryGuards.Definition,
        HistoryWindow.Definition,
        ExporterInventory.Definition,
        ControlPlaneVersions.Definition,
        NodeOsFingerprint.Definition,
        CloudFingerprint.Definition,
        NetworkMap.Definition,
        ExternalAttackSurface.Definition,
        ImageInventory.Definition,
        SecretEnumeration.Definition,
        LabelValueLeakage.Definition,
        WorkloadPosture.Definition,
        ControlPlaneEndpoints.Definition,
        ApiserverInsight.Definition,
        ApplicationDataInLabels.Definition,
    ];

    /// <summary>Finds a probe by code (<c>PROM-020</c>) or name (<c>admin-api-enabled</c>).</summary>
    public static Probe? Find(string idOrName) =>
        BuiltIn.FirstOrDefault(p => string.Equals(p.Id.Code, idOrName, StringComparison.OrdinalIgnoreCase) || p.Id.Name == idOrName);
}
