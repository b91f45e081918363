using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>The default /proc masks reduce attack surface and must be kept.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0; from v1.35 pods with <c>spec.hostUsers: false</c> (their own
/// user namespace) may unmask /proc. Replaced at restricted from v1.35 by <c>procMount_restricted</c>.</para>
/// <para>Fields: <c>spec.*Containers[*].securityContext.procMount</c>.</para>
/// </remarks>
public static class ProcMount
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "procMount";

    /// <summary>Upstream reason (shared with <c>procMount_restricted</c>).</summary>
    public const string Reason = "procMount";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline,
    [
        new(PolicyVersion.Of(1, 0), Strict),
        new(PolicyVersion.Of(1, 35), V1_35),
    ])
    {
        Summary = "Containers must keep the Default /proc mount unless the pod runs in its own user namespace (v1.35+).",
        Remediation = "Remove securityContext.procMount or set it to Default.",
        Fields = ["spec.containers[*].securityContext.procMount", "spec.hostUsers"],
    };

    /// <summary>The strict rule: any value other than <c>Default</c> is forbidden.</summary>
    internal static CheckResult Strict(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? bad = null;
        List<string>? values = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.ProcMount is { } procMount && procMount != "Default")
            {
                (bad ??= []).Add(container.Name);
                (values ??= []).Add(procMount);
            }
        }

        if (bad is null)
        {
            return CheckResult.Allow;
        }

        Text.SortDistinct(values!);
        return CheckResult.Forbid(Reason, $"{Text.Plural("container", "containers", bad.Count)} {Text.Quoted(bad)} must not set securityContext.procMount to {Text.Quoted(values!)}");
    }

    private static CheckResult V1_35(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.HasUserNamespace() ? CheckResult.Allow : Strict(metadata, spec);
}
