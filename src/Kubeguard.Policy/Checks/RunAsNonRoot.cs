using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Containers must be required to run as non-root users.</summary>
/// <remarks>
/// <para>Level: restricted, from v1.0; from v1.35 pods with <c>spec.hostUsers: false</c> are allowed,
/// since root in a user namespace is not root on the host. No Windows exemption.</para>
/// <para>Fields: <c>spec.securityContext.runAsNonRoot</c>, <c>spec.*Containers[*].securityContext.runAsNonRoot</c>.</para>
/// </remarks>
public static class RunAsNonRoot
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "runAsNonRoot";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "runAsNonRoot != true";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 0), V1_0),
        new(PolicyVersion.Of(1, 35), V1_35),
    ])
    {
        Summary = "The pod or every container must set securityContext.runAsNonRoot to true, and none may set it to false.",
        Remediation = "Set spec.securityContext.runAsNonRoot: true and run the image as a non-zero UID.",
        Fields =
        [
            "spec.securityContext.runAsNonRoot",
            "spec.containers[*].securityContext.runAsNonRoot",
            "spec.hostUsers",
        ],
    };

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        var podRunAsNonRoot = spec.SecurityContext?.RunAsNonRoot;
        var podSetsFalse = podRunAsNonRoot == false;
        var podCovers = podRunAsNonRoot == true;

        List<string>? explicitlyBad = null;
        List<string>? implicitlyBad = null;
        foreach (var container in spec.AllContainers())
        {
            switch (container.SecurityContext?.RunAsNonRoot)
            {
                case false:
                    (explicitlyBad ??= []).Add(container.Name);
                    break;
                case null when !podCovers:
                    (implicitlyBad ??= []).Add(container.Name);
                    break;
            }
        }

        if (podSetsFalse || explicitlyBad is not null)
        {
            return CheckResult.Forbid(Reason, $"{Text.PodAndContainers(podSetsFalse, explicitlyBad)} must not set securityContext.runAsNonRoot=false");
        }

        return implicitlyBad is null
            ? CheckResult.Allow
            : CheckResult.Forbid(Reason, $"pod or {Text.Plural("container", "containers", implicitlyBad.Count)} {Text.Quoted(implicitlyBad)} must set securityContext.runAsNonRoot=true");
    }

    private static CheckResult V1_35(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.HasUserNamespace() ? CheckResult.Allow : V1_0(metadata, spec);
}
