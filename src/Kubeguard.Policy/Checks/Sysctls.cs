using System.Collections.Frozen;
using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Sysctls can disable security mechanisms or affect every container on a host; only a safe, namespaced subset is allowed.</summary>
/// <remarks>
/// <para>Level: baseline. The allow-list grows at v1.27, v1.29, v1.32 and v1.37. Names match exactly.</para>
/// <para>Fields: <c>spec.securityContext.sysctls[*].name</c>.</para>
/// </remarks>
public static class Sysctls
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "sysctls";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "forbidden sysctls";

    /// <summary>Allowed from v1.0.</summary>
    public static FrozenSet<string> AllowedV1_0 { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start");

    /// <summary>Allowed from v1.27.</summary>
    public static FrozenSet<string> AllowedV1_27 { get; } = Grow(AllowedV1_0, "net.ipv4.ip_local_reserved_ports");

    /// <summary>Allowed from v1.29.</summary>
    public static FrozenSet<string> AllowedV1_29 { get; } = Grow(AllowedV1_27,
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

    /// <summary>Allowed from v1.32.</summary>
    public static FrozenSet<string> AllowedV1_32 { get; } = Grow(AllowedV1_29, "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

    /// <summary>Allowed from v1.37.</summary>
    public static FrozenSet<string> AllowedV1_37 { get; } = Grow(AllowedV1_32, "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat");

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline,
    [
        new(PolicyVersion.Of(1, 0), (m, s) => Evaluate(s, AllowedV1_0)),
        new(PolicyVersion.Of(1, 27), (m, s) => Evaluate(s, AllowedV1_27)),
        new(PolicyVersion.Of(1, 29), (m, s) => Evaluate(s, AllowedV1_29)),
        new(PolicyVersion.Of(1, 32), (m, s) => Evaluate(s, AllowedV1_32)),
        new(PolicyVersion.Of(1, 37), (m, s) => Evaluate(s, AllowedV1_37)),
    ])
    {
        Summary = "Pods may only set the namespaced sysctls on the safe list of their policy version.",
        Remediation = "Remove the sysctl from spec.securityContext.sysctls or set it on the node instead.",
        Fields = ["spec.securityContext.sysctls[*].name"],
    };

    private static FrozenSet<string> Grow(FrozenSet<string> previous, params string[] added) =>
        previous.Concat(added).ToFrozenSet(StringComparer.Ordinal);

    private static CheckResult Evaluate(V1PodSpec spec, FrozenSet<string> allowed)
    {
        if (spec.SecurityContext?.Sysctls is not { } sysctls)
        {
            return CheckResult.Allow;
        }

        List<string>? bad = null;
        foreach (var sysctl in sysctls)
        {
            var name = sysctl?.Name ?? string.Empty;
            if (!allowed.Contains(name))
            {
                (bad ??= []).Add(name);
            }
        }

        return bad is null ? CheckResult.Allow : CheckResult.Forbid(Reason, string.Join(", ", bad));
    }
}
