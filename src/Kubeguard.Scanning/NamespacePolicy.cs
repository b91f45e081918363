using Kubeguard.Policy;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning;

/// <summary>
/// The policy a workload is judged at: the requested one, or with namespace labels on, its
/// Namespace's <c>pod-security.kubernetes.io/enforce</c> and <c>enforce-version</c> labels, read
/// as the API server reads them (an invalid level fails closed to restricted, an invalid version
/// to latest).
/// </summary>
internal static class NamespacePolicy
{
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";
    public const string EnforceVersionLabel = "pod-security.kubernetes.io/enforce-version";

    public static (LevelVersion Policy, string Source) For(ManifestDocument document, Inventory inventory, ScanOptions options)
    {
        if (!options.UseNamespaceLabels)
        {
            return (options.Policy, "requested");
        }

        var name = Inventory.EffectiveNamespace(document, options.DefaultNamespace);
        var labels = inventory.Namespace(name)?.Metadata?.Labels;
        if (labels is null || !labels.TryGetValue(EnforceLabel, out var levelText))
        {
            return (options.Policy, $"requested (namespace \"{name}\" has no {EnforceLabel} label in the input)");
        }

        var source = $"namespace \"{name}\" labels";
        if (!Levels.TryParse(levelText, out var level))
        {
            source += $"; invalid level \"{levelText}\": {Levels.InvalidLevelMessage} (using restricted)";
            level = Level.Restricted;
        }

        var version = PolicyVersion.Latest;
        if (labels.TryGetValue(EnforceVersionLabel, out var versionText) && !PolicyVersion.TryParse(versionText, out version))
        {
            source += $"; invalid version \"{versionText}\": {PolicyVersion.InvalidVersionMessage} (using latest)";
            version = PolicyVersion.Latest;
        }

        return (new LevelVersion(level, version), source);
    }
}
