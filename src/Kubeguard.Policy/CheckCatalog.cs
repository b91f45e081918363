using System.Collections.Immutable;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy;

/// <summary>The one list of built-in Pod Security checks.</summary>
public static class CheckCatalog
{
    /// <summary>Every upstream check, alphabetical by file; evaluation order is decided by the evaluator.</summary>
    public static ImmutableArray<Check> BuiltIn { get; } =
    [
        AllowPrivilegeEscalation.Definition,
        AppArmorProfile.Definition,
        CapabilitiesBaseline.Definition,
        CapabilitiesRestricted.Definition,
        HostNamespaces.Definition,
        HostPathVolumes.Definition,
        HostPorts.Definition,
        HostProbesAndHostLifecycle.Definition,
        Privileged.Definition,
        ProcMount.Definition,
        ProcMountRestricted.Definition,
        RestrictedVolumes.Definition,
        RunAsNonRoot.Definition,
        RunAsUser.Definition,
        SeLinuxOptions.Definition,
        SeccompProfileBaseline.Definition,
        SeccompProfileRestricted.Definition,
        Sysctls.Definition,
        WindowsHostProcess.Definition,
    ];

    /// <summary>The check with this ID, or null.</summary>
    public static Check? Find(string id)
    {
        foreach (var check in BuiltIn)
        {
            if (check.Id == id)
            {
                return check;
            }
        }

        return null;
    }
}
