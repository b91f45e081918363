using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Kubeguard.Checks.Tee;

/// <summary>What a runtime class name or handler says about confidentiality.</summary>
public enum TeeClassKind
{
    /// <summary>Not a Kata or confidential class (or none at all).</summary>
    None,

    /// <summary>A hardware TEE class (SEV-SNP, TDX, Secure Execution, Nitro confidential mode).</summary>
    Tee,

    /// <summary>Confidential only if the peer-pod VM is a confidential VM (<c>kata-remote</c>).</summary>
    Depends,

    /// <summary>Claims Confidential Containers but gives no memory encryption or a debug guest.</summary>
    ClaimsCoCo,

    /// <summary>A Kata class with VM isolation only.</summary>
    KataNoTee,
}

/// <summary>Whose runtime reads the class: decides which policy channel is measured.</summary>
public enum TeePlatform
{
    /// <summary>Upstream Kata / Confidential Containers.</summary>
    Upstream,

    /// <summary>AKS confidential containers (<c>kata-cc-isolation</c>).</summary>
    Aks,

    /// <summary>Edgeless Contrast.</summary>
    Contrast,

    /// <summary>EKS confidential sandboxes (Nitro).</summary>
    Eks,
}

/// <summary>One entry of the class list.</summary>
/// <param name="Pattern">Anchored regular expression over the class name or handler.</param>
/// <param name="Kind">What a match means.</param>
/// <param name="Platform">Whose runtime it is.</param>
/// <param name="Note">Why it means that, and where it comes from.</param>
public sealed record TeeClassEntry(string Pattern, TeeClassKind Kind, TeePlatform Platform, string Note)
{
    // Linear-time matching without a timeout: a wall-clock timeout fired on a busy machine and threw
    // out of a check, and patterns may come from configuration.
    private readonly Regex _regex = new("^(?:" + Pattern + ")$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>True when the name or handler matches.</summary>
    public bool Matches(string name) => _regex.IsMatch(name);
}

/// <summary>
/// The runtime class names and handlers that signal a confidential pod, as versioned data: the
/// claims-CoCo entries come first because the debug variants share a prefix with the TEE classes.
/// </summary>
public static class TeeRuntimeClasses
{
    /// <summary>Version of the list; bump it whenever an entry changes.</summary>
    public const string Version = "2026-11";

    /// <summary>Every entry, first match wins.</summary>
    public static ImmutableArray<TeeClassEntry> Entries { get; } =
    [
        new("kata-qemu-coco-dev(-runtime-rs)?", TeeClassKind.ClaimsCoCo, TeePlatform.Upstream, "kata-deploy coco-dev shim: CoCo building blocks for non-CC hardware, its configuration has no confidential_guest, so no memory encryption (configuration-qemu-coco-dev.toml.in)."),
        new("kata-.*-(debug|devkit)", TeeClassKind.ClaimsCoCo, TeePlatform.Upstream, "kata-deploy with debug/devkit: debug console and debug agent log, a different measurement profile (kata-deploy values.yaml)."),
        new("enclave-cc", TeeClassKind.ClaimsCoCo, TeePlatform.Upstream, "SGX enclave-cc, removed in CoCo v0.18.0 (January 2026)."),
        new("kata-qemu-(snp|tdx|se)(-runtime-rs)?", TeeClassKind.Tee, TeePlatform.Upstream, "kata-deploy / CoCo charts: AMD SEV-SNP, Intel TDX, IBM Secure Execution (runtimeclasses.yaml)."),
        new("kata-qemu-nvidia-gpu-(snp|tdx)(-runtime-rs)?", TeeClassKind.Tee, TeePlatform.Upstream, "kata-deploy with the NVIDIA GPU Operator: SNP/TDX with GPU confidential computing (2025)."),
        new("kata-cc-isolation|kata-cc", TeeClassKind.Tee, TeePlatform.Aks, "AKS node pool --workload-runtime KataCcIsolation, handler kata-cc (preview)."),
        new("contrast-cc.*", TeeClassKind.Tee, TeePlatform.Contrast, "Contrast node-installer: contrast-cc-<platform>-<hash>, written by contrast generate."),
        new("confidential-sandbox", TeeClassKind.Tee, TeePlatform.Eks, "EKS Auto Mode Nitro confidential sandboxes (2026 documentation)."),
        new("kata-remote", TeeClassKind.Depends, TeePlatform.Upstream, "cloud-api-adaptor peer pods: confidential only when the peer-pod instance type is a confidential VM."),
        new("kata(-qemu|-clh|-fc|-dragonball|-stratovirt|-cloud-hypervisor|-qemu-nvidia-gpu|-clh-azure)?(-runtime-rs)?", TeeClassKind.KataNoTee, TeePlatform.Upstream, "kata-deploy classes with VM isolation only; kata is an alias for the default shim (runtimeclasses.yaml)."),
    ];

    /// <summary>The first entry matching a class name or handler, or null.</summary>
    public static TeeClassEntry? Classify(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Entries.FirstOrDefault(e => e.Matches(name.Trim()));

    /// <summary>The NFD labels that mark a node with each TEE technology.</summary>
    public static ImmutableArray<string> NodeFeatureLabels { get; } =
    [
        "amd.feature.node.kubernetes.io/snp",
        "intel.feature.node.kubernetes.io/tdx",
        "feature.node.kubernetes.io/cpu-security.se.enabled",
    ];

    /// <summary>
    /// The extended resources NFD advertises for the TEE keys a node has (SEV-SNP ASIDs, TDX keys);
    /// kata-deploy puts one of each in the TEE RuntimeClass overhead.
    /// </summary>
    public static ImmutableArray<string> TeeKeyResources { get; } =
    [
        "sev-snp.amd.com/esids",
        "tdx.intel.com/keys",
    ];

    /// <summary>The GKE node label naming the confidential instance type (<c>SEV</c>, <c>SEV_SNP</c>, <c>TDX</c>).</summary>
    public const string GkeInstanceTypeLabel = "cloud.google.com/gke-confidential-nodes-instance-type";

    /// <summary>The legacy GKE confidential-node label (value <c>true</c>).</summary>
    public const string GkeLegacyLabel = "cloud.google.com/gke-confidential-nodes";
}
