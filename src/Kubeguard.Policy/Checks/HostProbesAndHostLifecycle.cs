using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Probes and lifecycle handlers may not target a host other than the pod itself.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.34. Any non-empty <c>host</c> in an httpGet or tcpSocket handler
/// of a liveness, readiness or startup probe, or of a postStart or preStop hook, is forbidden.
/// Unlike other checks, container names are reported sorted.</para>
/// <para>Fields: <c>spec.*Containers[*].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host</c>,
/// <c>spec.*Containers[*].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host</c>.</para>
/// </remarks>
public static class HostProbesAndHostLifecycle
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "hostProbesAndHostLifecycle";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "probe or lifecycle host";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 34), V1_34)])
    {
        Summary = "Probes and lifecycle hooks may not set a host; they must target the pod itself.",
        Remediation = "Remove the host field from httpGet and tcpSocket probes and lifecycle handlers.",
        Fields =
        [
            "spec.containers[*].livenessProbe.httpGet.host",
            "spec.containers[*].lifecycle.postStart.tcpSocket.host",
            "spec.containers[*].livenessProbe.tcpSocket.host",
            "spec.containers[*].readinessProbe.httpGet.host",
            "spec.containers[*].readinessProbe.tcpSocket.host",
            "spec.containers[*].startupProbe.httpGet.host",
            "spec.containers[*].startupProbe.tcpSocket.host",
            "spec.containers[*].lifecycle.postStart.httpGet.host",
            "spec.containers[*].lifecycle.preStop.httpGet.host",
            "spec.containers[*].lifecycle.preStop.tcpSocket.host",
        ],
    };

    private static CheckResult V1_34(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? containers = null;
        List<string>? hosts = null;
        foreach (var container in spec.AllContainers())
        {
            var found = Collect(container.LivenessProbe?.HttpGet?.Host, ref hosts)
                | Collect(container.LivenessProbe?.TcpSocket?.Host, ref hosts)
                | Collect(container.ReadinessProbe?.HttpGet?.Host, ref hosts)
                | Collect(container.ReadinessProbe?.TcpSocket?.Host, ref hosts)
                | Collect(container.StartupProbe?.HttpGet?.Host, ref hosts)
                | Collect(container.StartupProbe?.TcpSocket?.Host, ref hosts)
                | Collect(container.Lifecycle?.PostStart?.HttpGet?.Host, ref hosts)
                | Collect(container.Lifecycle?.PostStart?.TcpSocket?.Host, ref hosts)
                | Collect(container.Lifecycle?.PreStop?.HttpGet?.Host, ref hosts)
                | Collect(container.Lifecycle?.PreStop?.TcpSocket?.Host, ref hosts);
            if (found)
            {
                (containers ??= []).Add(container.Name);
            }
        }

        if (containers is null)
        {
            return CheckResult.Allow;
        }

        Text.SortDistinct(containers);
        Text.SortDistinct(hosts!);
        return CheckResult.Forbid(Reason,
            $"{Text.Plural("container", "containers", containers.Count)} {Text.Quoted(containers)} {Text.Plural("uses", "use", containers.Count)} {Text.Plural("probe or lifecycle host", "probe or lifecycle hosts", hosts!.Count)} {Text.Quoted(hosts)}");
    }

    private static bool Collect(string? host, ref List<string>? hosts)
    {
        if (string.IsNullOrEmpty(host))
        {
            return false;
        }

        (hosts ??= []).Add(host);
        return true;
    }
}
