namespace Kubeguard.Fix.Rules;

/// <summary>
/// Every fix rule, in planning order: rules that overrule written values come first, so the
/// safe inserts after them see the object as it will be (no <c>allowPrivilegeEscalation: false</c>
/// beside a <c>privileged: true</c> that stays; <c>drop: [ALL]</c> is safe only once the
/// container is known to run as non-root).
/// </summary>
internal static class FixRules
{
    public static IReadOnlyList<FixRule> All { get; } =
    [
        PrivilegedFix.Rule,
        HostNamespacesFix.Rule,
        HostPortsFix.Rule,
        HostPathVolumesFix.Rule,
        CapabilitiesBaselineFix.Rule,
        AppArmorProfileFix.Rule,
        SeLinuxOptionsFix.Rule,
        ProcMountFix.Rule,
        ProcMountRestrictedFix.Rule,
        SeccompProfileBaselineFix.Rule,
        SysctlsFix.Rule,
        WindowsHostProcessFix.Rule,
        HostProbesAndHostLifecycleFix.Rule,
        RestrictedVolumesFix.Rule,
        RunAsUserFix.Rule,
        RunAsNonRootFix.Rule,
        SeccompProfileRestrictedFix.Rule,
        CapabilitiesRestrictedFix.Rule,
        AllowPrivilegeEscalationFix.Rule,
    ];
}
