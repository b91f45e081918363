using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Privileged pods disable most security mechanisms and must be disallowed.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Only an explicit <c>true</c> is forbidden.</para>
/// <para>Fields: <c>spec.*Containers[*].securityContext.privileged</c>.</para>
/// </remarks>
public static class Privileged
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "privileged";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "privileged";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "Containers may not run privileged.",
        Remediation = "Remove securityContext.privileged or set it to false; grant only the specific capabilities the container needs.",
        Fields = ["spec.containers[*].securityContext.privileged"],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? bad = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.Privileged == true)
            {
                (bad ??= []).Add(container.Name);
            }
        }

        return bad is null
            ? CheckResult.Allow
            : CheckResult.Forbid(Reason, $"{Text.Plural("container", "containers", bad.Count)} {Text.Quoted(bad)} must not set securityContext.privileged=true");
    }
}
