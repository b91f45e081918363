using System.Globalization;
using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>HostPorts should be disallowed entirely.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Any non-zero <c>hostPort</c> is forbidden.</para>
/// <para>Fields: <c>spec.*Containers[*].ports[*].hostPort</c>.</para>
/// </remarks>
public static class HostPorts
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "hostPorts";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "hostPort";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Containers may not bind host ports.",
        Remediation = "Remove hostPort from container ports and expose the workload through a Service.",
        Fields = ["spec.containers[*].ports[*].hostPort"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? badContainers = null;
        List<string>? ports = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.Ports is not { } containerPorts)
            {
                continue;
            }

            var bad = false;
            foreach (var port in containerPorts)
            {
                if (port?.HostPort is { } hostPort && hostPort != 0)
                {
                    bad = true;
                    (ports ??= []).Add(hostPort.ToString(CultureInfo.InvariantCulture));
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

        Text.SortDistinct(ports!);
        return CheckResult.Forbid(Reason,
            $"{Text.Plural("container", "containers", badContainers.Count)} {Text.Quoted(badContainers)} {Text.Plural("uses", "use", badContainers.Count)} {Text.Plural("hostPort", "hostPorts", ports!.Count)} {string.Join(", ", ports)}");
    }
}
