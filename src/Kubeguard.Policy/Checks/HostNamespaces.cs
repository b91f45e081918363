using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Sharing the host's network, PID or IPC namespace must be disallowed.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0.</para>
/// <para>Fields: <c>spec.hostNetwork</c>, <c>spec.hostPID</c>, <c>spec.hostIPC</c>.</para>
/// </remarks>
public static class HostNamespaces
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "hostNamespaces";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "host namespaces";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Pods may not share the host's network, PID or IPC namespace.",
        Remediation = "Remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false.",
        Fields = ["spec.hostNetwork", "spec.hostPID", "spec.hostIPC"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        if (spec.HostNetwork != true && spec.HostPID != true && spec.HostIPC != true)
        {
            return CheckResult.Allow;
        }

        var parts = new List<string>(3);
        if (spec.HostNetwork == true)
        {
            parts.Add("hostNetwork=true");
        }

        if (spec.HostPID == true)
        {
            parts.Add("hostPID=true");
        }

        if (spec.HostIPC == true)
        {
            parts.Add("hostIPC=true");
        }

        return CheckResult.Forbid(Reason, string.Join(", ", parts));
    }
}
