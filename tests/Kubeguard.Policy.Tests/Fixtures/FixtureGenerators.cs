namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>
/// Every check's pass/fail generators (upstream's fixture style: the minimal valid pod plus one
/// change), one file per check. A check's newer generator replaces the older one from its minimum
/// version.
/// </summary>
public static class FixtureGenerators
{
    public static IReadOnlyList<FixtureGenerator> All { get; } =
    [
        .. AllowPrivilegeEscalationFixtures.Generators,
        .. AppArmorProfileFixtures.Generators,
        .. CapabilitiesBaselineFixtures.Generators,
        .. CapabilitiesRestrictedFixtures.Generators,
        .. HostNamespacesFixtures.Generators,
        .. HostPathVolumesFixtures.Generators,
        .. HostPortsFixtures.Generators,
        .. HostProbesAndHostLifecycleFixtures.Generators,
        .. PrivilegedFixtures.Generators,
        .. ProcMountFixtures.Generators,
        .. ProcMountRestrictedFixtures.Generators,
        .. RestrictedVolumesFixtures.Generators,
        .. RunAsNonRootFixtures.Generators,
        .. RunAsUserFixtures.Generators,
        .. SeLinuxOptionsFixtures.Generators,
        .. SeccompProfileBaselineFixtures.Generators,
        .. SeccompProfileRestrictedFixtures.Generators,
        .. SysctlsFixtures.Generators,
        .. WindowsHostProcessFixtures.Generators,
    ];
}
