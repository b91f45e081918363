using System.Collections.Frozen;
using Kubeguard.Policy.Checks;
using Kubeguard.Reporting;

namespace Kubeguard.Scanning;

/// <summary>
/// Default severity of each Pod Security check, kept out of the checks themselves (teams override
/// them with <see cref="SeverityOverrides"/>): host takeover is critical or high, other baseline
/// checks medium, restricted hardening medium or low.
/// </summary>
public static class PodSecuritySeverities
{
    private static readonly FrozenDictionary<string, Severity> Defaults = new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        [Privileged.Id] = Severity.Critical,
        [HostNamespaces.Id] = Severity.High,
        [HostPathVolumes.Id] = Severity.High,
        [WindowsHostProcess.Id] = Severity.Critical,
        [CapabilitiesBaseline.Id] = Severity.High,
        [HostPorts.Id] = Severity.Medium,
        [HostProbesAndHostLifecycle.Id] = Severity.Medium,
        [AppArmorProfile.Id] = Severity.Medium,
        [SeLinuxOptions.Id] = Severity.Medium,
        [ProcMount.Id] = Severity.Medium,
        [SeccompProfileBaseline.Id] = Severity.Medium,
        [Sysctls.Id] = Severity.Medium,
        [AllowPrivilegeEscalation.Id] = Severity.Medium,
        [CapabilitiesRestricted.Id] = Severity.Medium,
        [RunAsNonRoot.Id] = Severity.Medium,
        [RunAsUser.Id] = Severity.High,
        [RestrictedVolumes.Id] = Severity.Medium,
        [ProcMountRestricted.Id] = Severity.Medium,
        [SeccompProfileRestricted.Id] = Severity.Low,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The default severity of <paramref name="checkId"/> (medium for checks not listed).</summary>
    public static Severity For(string checkId) => Defaults.GetValueOrDefault(checkId, Severity.Medium);
}
