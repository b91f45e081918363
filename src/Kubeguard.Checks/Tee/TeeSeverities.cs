using System.Collections.Immutable;

namespace Kubeguard.Checks.Tee;

/// <summary>
/// The severity of each sub-case of the TEE checks (tee.md §5.3), kept apart from the checks like
/// <see cref="SeverityTable"/>. The table's entry for the check is its headline severity; a user
/// override of that entry applies to every sub-case.
/// </summary>
public static class TeeSeverities
{
    /// <summary>Sub-case key (<c>check-id/case</c>) to severity.</summary>
    public static ImmutableDictionary<string, Severity> SubCases { get; } = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        ["tee-001/coco-dev"] = Severity.High,
        ["tee-001/debug"] = Severity.High,
        ["tee-001/enclave-cc"] = Severity.Medium,
        ["tee-001/kata-no-tee"] = Severity.High,
        ["tee-001/kata-remote"] = Severity.Info,
        ["tee-002/no-policy"] = Severity.Critical,
        ["tee-002/obsolete-init-data"] = Severity.High,
        ["tee-002/policy-not-measured"] = Severity.Medium,
        ["tee-002/sandbox-without-policy"] = Severity.High,
        ["tee-002/aks-without-policy"] = Severity.Medium,
        ["tee-002/undecodable"] = Severity.Low,
        ["tee-003/allow-failing"] = Severity.Critical,
        ["tee-003/set-policy"] = Severity.High,
        ["tee-003/exec"] = Severity.High,
        ["tee-003/write-stream"] = Severity.Medium,
        ["tee-003/copy-file"] = Severity.Medium,
        ["tee-003/read-stream"] = Severity.Low,
        ["tee-003/read-stream-contrast"] = Severity.Info,
        ["tee-003/review"] = Severity.Info,
        ["tee-004/privileged"] = Severity.High,
        ["tee-004/host-network"] = Severity.High,
        ["tee-004/host-pid-ipc"] = Severity.Medium,
        ["tee-005/host-path-writable"] = Severity.High,
        ["tee-005/host-path-read-only"] = Severity.Medium,
        ["tee-005/host-readable-storage"] = Severity.Medium,
        ["tee-005/block"] = Severity.Info,
        ["tee-006/plain-secret"] = Severity.High,
        ["tee-006/unresolved"] = Severity.Medium,
        ["tee-006/pull-secret"] = Severity.Info,
        ["tee-006/unverifiable-env"] = Severity.Low,
        ["tee-007/unpinned"] = Severity.High,
        ["tee-008/no-signature-policy"] = Severity.Medium,
        ["tee-008/accept-anything"] = Severity.Medium,
        ["tee-008/file-uri"] = Severity.Low,
        ["tee-008/kbs-uri"] = Severity.Info,
        ["tee-009/not-wired"] = Severity.Medium,
        ["tee-009/http"] = Severity.Medium,
        ["tee-009/secret-in-init-data"] = Severity.High,
        ["tee-010/debug"] = Severity.High,
        ["tee-011/name-handler-mismatch"] = Severity.Critical,
        ["tee-011/no-tee-selector"] = Severity.Low,
        ["tee-011/node-lacks-tee"] = Severity.Medium,
        ["tee-011/overhead-lacks-tee-key"] = Severity.Low,
        ["tee-012/insecure-admin"] = Severity.Critical,
        ["tee-012/allow-all-policy"] = Severity.Critical,
        ["tee-012/default-policy"] = Severity.High,
        ["tee-012/insecure-token"] = Severity.High,
        ["tee-012/insecure-http"] = Severity.High,
        ["tee-012/same-cluster"] = Severity.Medium,
        ["tee-013/ordinary"] = Severity.High,
        ["tee-013/sev-only"] = Severity.Info,
        ["tee-014/shared-node"] = Severity.High,
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The severity of a sub-case; throws for an unknown key so a typo cannot pass silently.</summary>
    public static Severity Of(string key) =>
        SubCases.TryGetValue(key, out var s) ? s : throw new KeyNotFoundException($"no TEE sub-case severity for \"{key}\"");
}

/// <summary>Builds TEE hits: every message ends with the evidence it used.</summary>
internal static class TeeHits
{
    /// <summary>A hit on a TEE pod with its sub-case severity and evidence.</summary>
    public static CheckHit On(TeePod pod, string jsonPath, string subCase, string message, string? evidence = null) =>
        CheckHit.On(pod.Workload.Item, jsonPath, $"{message} (evidence: {evidence ?? pod.Evidence})") with { Severity = TeeSeverities.Of(subCase) };

    /// <summary>A hit on any object with its sub-case severity and evidence.</summary>
    public static CheckHit On(InventoryObject item, string jsonPath, string subCase, string message, string evidence) =>
        CheckHit.On(item, jsonPath, $"{message} (evidence: {evidence})") with { Severity = TeeSeverities.Of(subCase) };

    /// <summary>The decoded init-data of a pod, or null when it carries none.</summary>
    /// <remarks>
    /// Six checks read the same annotation of the same pod; it is decoded once per annotation value
    /// (the string instance the inventory holds) and the result shared, read-only.
    /// </remarks>
    public static InitData? InitDataOf(TeePod pod) =>
        pod.Annotation(TeeAnnotations.InitData) is { } value ? Decoded.GetValue(value, InitData.Decode) : null;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, InitData> Decoded = new();

    /// <summary>Path of the pod spec.</summary>
    public static string Spec(TeePod pod) => pod.Workload.Pod.SpecPath;
}
