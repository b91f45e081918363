using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Windows HostProcess containers give privileged access to the Windows host and must be forbidden.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Only an explicit <c>true</c> is forbidden.</para>
/// <para>Fields: <c>spec.securityContext.windowsOptions.hostProcess</c>, <c>spec.*Containers[*].securityContext.windowsOptions.hostProcess</c>.</para>
/// </remarks>
public static class WindowsHostProcess
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "windowsHostProcess";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "hostProcess";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Windows pods may not run HostProcess containers.",
        Remediation = "Remove windowsOptions.hostProcess or set it to false.",
        Fields = ["spec.securityContext.windowsOptions.hostProcess", "spec.containers[*].securityContext.windowsOptions.hostProcess"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        var podBad = spec.SecurityContext?.WindowsOptions?.HostProcess == true;
        List<string>? bad = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.WindowsOptions?.HostProcess == true)
            {
                (bad ??= []).Add(container.Name);
            }
        }

        if (!podBad && bad is null)
        {
            return CheckResult.Allow;
        }

        return CheckResult.Forbid(Reason, $"{Text.PodAndContainers(podBad, bad)} must not set securityContext.windowsOptions.hostProcess=true");
    }
}
