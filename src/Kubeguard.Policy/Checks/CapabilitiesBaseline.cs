using System.Collections.Frozen;
using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>
/// Adding capabilities beyond the container runtime's default set must be disallowed.
/// </summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Replaced at restricted from v1.22 by <c>capabilities_restricted</c>.</para>
/// <para>Fields: <c>spec.*Containers[*].securityContext.capabilities.add</c>.</para>
/// </remarks>
public static class CapabilitiesBaseline
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "capabilities_baseline";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "non-default capabilities";

    /// <summary>Capabilities that may be added (exact, case-sensitive, no <c>CAP_</c> prefix).</summary>
    public static FrozenSet<string> Allowed { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Containers may only add capabilities from the runtime's default set.",
        Remediation = "Remove non-default entries from securityContext.capabilities.add.",
        Fields = ["spec.containers[*].securityContext.capabilities.add"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? badContainers = null;
        List<string>? badCapabilities = null;
        foreach (var container in spec.AllContainers())
        {
            var add = container.SecurityContext?.Capabilities?.Add;
            if (add is null)
            {
                continue;
            }

            var bad = false;
            foreach (var capability in add)
            {
                if (!Allowed.Contains(capability ?? string.Empty))
                {
                    bad = true;
                    (badCapabilities ??= []).Add(capability ?? string.Empty);
                }
            }

            if (bad)
            {
                (badContainers ??= []).Add(container.Name);
            }
        }

        if (badContainers is null)
        {
            return CheckResult.Allow;
        }

        Text.SortDistinct(badCapabilities!);
        return CheckResult.Forbid(Reason, $"{Text.Plural("container", "containers", badContainers.Count)} {Text.Quoted(badContainers)} must not include {Text.Quoted(badCapabilities!)} in securityContext.capabilities.add");
    }
}
