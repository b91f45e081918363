namespace Kubeguard.Policy.Checks;

/// <summary>At restricted, /proc stays masked even for pods in their own user namespace.</summary>
/// <remarks>
/// <para>Level: restricted, from v1.35; replaces <c>procMount</c>, keeping its strict v1.0 rule.</para>
/// <para>Fields: <c>spec.*Containers[*].securityContext.procMount</c>.</para>
/// </remarks>
public static class ProcMountRestricted
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "procMount_restricted";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 35), ProcMount.Strict) { Overrides = [ProcMount.Id] },
    ])
    {
        Summary = "Containers must keep the Default /proc mount, whatever the pod's user namespace.",
        Remediation = "Remove securityContext.procMount or set it to Default.",
        Fields =
        [
            "spec.containers[*].securityContext.procMount",
        ],
    };
}
