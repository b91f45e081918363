using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Seccomp must be explicitly set to RuntimeDefault or Localhost for every container.</summary>
/// <remarks>
/// <para>Level: restricted, from v1.19; replaces <c>seccompProfile_baseline</c>. From v1.25 Windows pods are exempt.</para>
/// <para>Fields: <c>spec.securityContext.seccompProfile.type</c>, <c>spec.*Containers[*].securityContext.seccompProfile.type</c>.</para>
/// </remarks>
public static class SeccompProfileRestricted
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "seccompProfile_restricted";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 19), V1_19) { Overrides = [SeccompProfileBaseline.Id] },
        new(PolicyVersion.Of(1, 25), V1_25) { Overrides = [SeccompProfileBaseline.Id] },
    ])
    {
        Summary = "The pod or every container must set seccompProfile.type to RuntimeDefault or Localhost.",
        Remediation = "Set spec.securityContext.seccompProfile.type: RuntimeDefault.",
        Fields =
        [
            "spec.securityContext.seccompProfile.type",
            "spec.containers[*].securityContext.seccompProfile.type",
            "spec.os.name",
        ],
    };

    private static CheckResult V1_19(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? values = null;
        var podBad = false;
        var podCovers = false;
        if (spec.SecurityContext?.SeccompProfile is { } podProfile)
        {
            if (SeccompProfileBaseline.IsAllowedType(podProfile.Type))
            {
                podCovers = true;
            }
            else
            {
                podBad = true;
                (values ??= []).Add(podProfile.Type ?? string.Empty);
            }
        }

        List<string>? explicitlyBad = null;
        List<string>? implicitlyBad = null;
        foreach (var container in spec.AllContainers())
        {
            var profile = container.SecurityContext?.SeccompProfile;
            if (profile is null)
            {
                if (!podCovers)
                {
                    (implicitlyBad ??= []).Add(container.Name);
                }
            }
            else if (!SeccompProfileBaseline.IsAllowedType(profile.Type))
            {
                (explicitlyBad ??= []).Add(container.Name);
                (values ??= []).Add(profile.Type ?? string.Empty);
            }
        }

        if (values is not null)
        {
            return CheckResult.Forbid(SeccompProfileBaseline.Reason, SeccompProfileBaseline.ExplicitDetail(podBad, explicitlyBad, values));
        }

        return implicitlyBad is null
            ? CheckResult.Allow
            : CheckResult.Forbid(SeccompProfileBaseline.Reason,
                $"pod or {Text.Plural("container", "containers", implicitlyBad.Count)} {Text.Quoted(implicitlyBad)} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
    }

    private static CheckResult V1_25(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.IsWindows() ? CheckResult.Allow : V1_19(metadata, spec);
}
