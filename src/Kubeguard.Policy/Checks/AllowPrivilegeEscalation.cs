using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>
/// Privilege escalation (setuid binaries, file capabilities) must be disallowed.
/// </summary>
/// <remarks>
/// <para>Level: restricted, from v1.8; from v1.25 pods with <c>spec.os.name: windows</c> are exempt,
/// because Windows has no such mechanism and the API server rejects the field on them.</para>
/// <para>Fields: <c>spec.{initContainers,containers,ephemeralContainers}[*].securityContext.allowPrivilegeEscalation</c>.</para>
/// </remarks>
public static class AllowPrivilegeEscalation
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "allowPrivilegeEscalation";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "allowPrivilegeEscalation != false";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 8), V1_8),
        new(PolicyVersion.Of(1, 25), V1_25),
    ])
    {
        Summary = "Containers must set securityContext.allowPrivilegeEscalation to false.",
        Remediation = "Set securityContext.allowPrivilegeEscalation: false on every container.",
        Fields =
        [
            "spec.containers[*].securityContext.allowPrivilegeEscalation",
            "spec.initContainers[*].securityContext.allowPrivilegeEscalation",
            "spec.ephemeralContainers[*].securityContext.allowPrivilegeEscalation",
            "spec.os.name",
        ],
    };

    private static CheckResult V1_8(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? bad = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.AllowPrivilegeEscalation != false)
            {
                (bad ??= []).Add(container.Name);
            }
        }

        return bad is null
            ? CheckResult.Allow
            : CheckResult.Forbid(Reason, $"{Text.Plural("container", "containers", bad.Count)} {Text.Quoted(bad)} must set securityContext.allowPrivilegeEscalation=false");
    }

    private static CheckResult V1_25(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.IsWindows() ? CheckResult.Allow : V1_8(metadata, spec);
}
