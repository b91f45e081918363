using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>
/// Overriding the default AppArmor profile, or disabling it, must be disallowed.
/// </summary>
/// <remarks>
/// <para>Level: baseline, from v1.0. Profile types must be <c>RuntimeDefault</c> or <c>Localhost</c>;
/// the beta annotations must be empty, <c>runtime/default</c> or <c>localhost/*</c>.</para>
/// <para>Fields: <c>spec.securityContext.appArmorProfile.type</c>,
/// <c>spec.*Containers[*].securityContext.appArmorProfile.type</c>,
/// <c>metadata.annotations["container.apparmor.security.beta.kubernetes.io/*"]</c>.</para>
/// </remarks>
public static class AppArmorProfile
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "appArmorProfile";

    /// <summary>Prefix of the beta AppArmor annotations.</summary>
    public const string AnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline, [new(PolicyVersion.Of(1, 0), V1_0)])
    {
        Summary = "AppArmor profiles may only be RuntimeDefault or Localhost; Unconfined and unknown types are forbidden.",
        Remediation = "Remove the AppArmor override or set appArmorProfile.type to RuntimeDefault or Localhost.",
        Fields = ["spec.securityContext.appArmorProfile.type", "spec.containers[*].securityContext.appArmorProfile.type", "metadata.annotations[container.apparmor.security.beta.kubernetes.io/*]"],
    };

    private static bool IsAllowedType(V1AppArmorProfile? profile) =>
        profile is null || profile.Type is "RuntimeDefault" or "Localhost";

    private static bool IsAllowedAnnotation(string? value) =>
        string.IsNullOrEmpty(value) || value == "runtime/default" || value.StartsWith("localhost/", StringComparison.Ordinal);

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? badTypes = null;
        var podBad = false;
        if (!IsAllowedType(spec.SecurityContext?.AppArmorProfile))
        {
            podBad = true;
            (badTypes ??= []).Add(spec.SecurityContext!.AppArmorProfile.Type ?? string.Empty);
        }

        List<string>? badContainers = null;
        foreach (var container in spec.AllContainers())
        {
            var profile = container.SecurityContext?.AppArmorProfile;
            if (!IsAllowedType(profile))
            {
                (badContainers ??= []).Add(container.Name);
                (badTypes ??= []).Add(profile!.Type ?? string.Empty);
            }
        }

        List<string>? badAnnotations = null;
        if (metadata?.Annotations is { Count: > 0 } annotations)
        {
            foreach (var (key, value) in annotations)
            {
                if (key.StartsWith(AnnotationPrefix, StringComparison.Ordinal) && !IsAllowedAnnotation(value))
                {
                    (badAnnotations ??= []).Add(key + "=" + GoText.Quote(value));
                }
            }
        }

        if (!podBad && badContainers is null && badAnnotations is null)
        {
            return CheckResult.Allow;
        }

        var setters = new List<string>(3);
        if (podBad)
        {
            setters.Add("pod");
        }

        if (badContainers is not null)
        {
            setters.Add($"{Text.Plural("container", "containers", badContainers.Count)} {Text.Quoted(badContainers)}");
        }

        var values = new List<string>();
        if (badTypes is not null)
        {
            Text.SortDistinct(badTypes);
            values.AddRange(badTypes);
        }

        if (badAnnotations is not null)
        {
            setters.Add(Text.Plural("annotation", "annotations", badAnnotations.Count));
            badAnnotations.Sort(GoText.Ordinal);
            values.AddRange(badAnnotations);
        }

        return CheckResult.Forbid(
            Text.Plural("forbidden AppArmor profile", "forbidden AppArmor profiles", values.Count),
            $"{string.Join(" and ", setters)} must not set AppArmor profile type to {Text.Quoted(values)}");
    }
}
