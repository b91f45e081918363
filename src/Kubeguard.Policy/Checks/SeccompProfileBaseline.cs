using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Seccomp profiles may not be explicitly set to Unconfined.</summary>
/// <remarks>
/// <para>Level: baseline. v1.0 checks the alpha annotations only; v1.19 checks the
/// <c>seccompProfile</c> fields only. Replaced at restricted from v1.19 by <c>seccompProfile_restricted</c>.</para>
/// <para>Fields: <c>spec.securityContext.seccompProfile.type</c>, <c>spec.*Containers[*].securityContext.seccompProfile.type</c>,
/// <c>metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]</c>,
/// <c>metadata.annotations["container.seccomp.security.alpha.kubernetes.io/*"]</c>.</para>
/// </remarks>
public static class SeccompProfileBaseline
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "seccompProfile_baseline";

    /// <summary>Upstream reason (shared with <c>seccompProfile_restricted</c>).</summary>
    public const string Reason = "seccompProfile";

    /// <summary>Pod-level alpha annotation.</summary>
    public const string PodAnnotation = "seccomp.security.alpha.kubernetes.io/pod";

    /// <summary>Prefix of the per-container alpha annotations.</summary>
    public const string ContainerAnnotationPrefix = "container.seccomp.security.alpha.kubernetes.io/";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline,
    [
        new(PolicyVersion.Of(1, 0), V1_0),
        new(PolicyVersion.Of(1, 19), V1_19),
    ])
    {
        Summary = "Seccomp profiles may only be RuntimeDefault or Localhost when set; Unconfined is forbidden.",
        Remediation = "Set seccompProfile.type to RuntimeDefault (or Localhost) instead of Unconfined.",
        Fields =
        [
            "spec.securityContext.seccompProfile.type",
            "spec.containers[*].securityContext.seccompProfile.type",
            "metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]",
            "metadata.annotations[container.seccomp.security.alpha.kubernetes.io/*]",
        ],
    };

    /// <summary>True when a profile type is one the policy accepts.</summary>
    internal static bool IsAllowedType(string? type) => type is "RuntimeDefault" or "Localhost";

    private static bool IsAllowedAnnotation(string value) =>
        value is "runtime/default" or "docker/default" || value.StartsWith("localhost/", StringComparison.Ordinal);

    private static CheckResult V1_0(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        if (metadata?.Annotations is not { Count: > 0 } annotations)
        {
            return CheckResult.Allow;
        }

        List<string>? forbidden = null;
        if (annotations.TryGetValue(PodAnnotation, out var podValue) && !IsAllowedAnnotation(podValue ?? string.Empty))
        {
            (forbidden ??= []).Add(PodAnnotation + "=" + GoText.Quote(podValue));
        }

        foreach (var container in spec.AllContainers())
        {
            var key = ContainerAnnotationPrefix + container.Name;
            if (annotations.TryGetValue(key, out var value) && !IsAllowedAnnotation(value ?? string.Empty))
            {
                (forbidden ??= []).Add(key + "=" + GoText.Quote(value));
            }
        }

        if (forbidden is null)
        {
            return CheckResult.Allow;
        }

        Text.SortDistinct(forbidden);
        return CheckResult.Forbid(Reason, $"forbidden {Text.Plural("annotation", "annotations", forbidden.Count)} {string.Join(", ", forbidden)}");
    }

    private static CheckResult V1_19(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? values = null;
        var podBad = false;
        if (spec.SecurityContext?.SeccompProfile is { } podProfile && !IsAllowedType(podProfile.Type))
        {
            podBad = true;
            (values ??= []).Add(podProfile.Type ?? string.Empty);
        }

        List<string>? bad = null;
        foreach (var container in spec.AllContainers())
        {
            if (container.SecurityContext?.SeccompProfile is { } profile && !IsAllowedType(profile.Type))
            {
                (bad ??= []).Add(container.Name);
                (values ??= []).Add(profile.Type ?? string.Empty);
            }
        }

        return values is null ? CheckResult.Allow : CheckResult.Forbid(Reason, ExplicitDetail(podBad, bad, values));
    }

    /// <summary><c>pod and containers "a" must not set securityContext.seccompProfile.type to "X"</c>.</summary>
    internal static string ExplicitDetail(bool podBad, List<string>? badContainers, List<string> values)
    {
        Text.SortDistinct(values);
        return $"{Text.PodAndContainers(podBad, badContainers)} must not set securityContext.seccompProfile.type to {Text.Quoted(values)}";
    }
}
