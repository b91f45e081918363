using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Containers may not set runAsUser to 0 (root).</summary>
/// <remarks>
/// <para>Level: restricted, from v1.23; from v1.35 pods with <c>spec.hostUsers: false</c> are allowed.</para>
/// <para>Fields: <c>spec.securityContext.runAsUser</c>, <c>spec.*Containers[*].securityContext.runAsUser</c>.</para>
/// </remarks>
public static class RunAsUser
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "runAsUser";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "runAsUser=0";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 23), V1_23),
        new(PolicyVersion.Of(1, 35), V1_35),
    ])
    {
        Summary = "Neither the pod nor any container may set runAsUser to 0.",
        Remediation = "Set runAsUser to a non-zero UID, or remove it and let the image's non-root user apply.",
        Fields =
        [
            "spec.securityContext.runAsUser",
            "spec.containers[*].securityContext.runAsUser",
            "spec.hostUsers",
        ],
    };

    private static CheckResult V1_23(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        var podBad = spec.SecurityContext?.RunAsUser == 0;
        List<string>? bad = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.RunAsUser == 0)
            {
                (bad ??= []).Add(container.Name);
            }
        }

        if (!podBad && bad is null)
        {
            return CheckResult.Allow;
        }

        return CheckResult.Forbid(Reason, $"{Text.PodAndContainers(podBad, bad)} must not set runAsUser=0");
    }

    private static CheckResult V1_35(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.HasUserNamespace() ? CheckResult.Allow : V1_23(metadata, spec);
}
