using System.Collections.Frozen;
using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>Setting a custom SELinux user or role, or an unexpected type, must be forbidden.</summary>
/// <remarks>
/// <para>Level: baseline, from v1.0 (types: empty, container_t, container_init_t, container_kvm_t);
/// v1.31 also allows container_engine_t. <c>level</c> is not restricted.</para>
/// <para>Fields: <c>spec.securityContext.seLinuxOptions</c>, <c>spec.*Containers[*].securityContext.seLinuxOptions</c>.</para>
/// </remarks>
public static class SeLinuxOptions
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "seLinuxOptions";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "seLinuxOptions";

    /// <summary>Types allowed from v1.0.</summary>
    public static FrozenSet<string> AllowedTypesV1_0 { get; } = FrozenSet.Create(StringComparer.Ordinal, "", "container_t", "container_init_t", "container_kvm_t");

    /// <summary>Types allowed from v1.31.</summary>
    public static FrozenSet<string> AllowedTypesV1_31 { get; } = AllowedTypesV1_0.Append("container_engine_t").ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Baseline,
    [
        new(PolicyVersion.Of(1, 0), (m, s) => Evaluate(s, AllowedTypesV1_0)),
        new(PolicyVersion.Of(1, 31), (m, s) => Evaluate(s, AllowedTypesV1_31)),
    ])
    {
        Summary = "SELinux options may not set a user or role, and only container types are allowed.",
        Remediation = "Remove seLinuxOptions.user and .role and use a container_t family type.",
        Fields = ["spec.securityContext.seLinuxOptions", "spec.containers[*].securityContext.seLinuxOptions"],
    };

    private static CheckResult Evaluate(V1PodSpec spec, FrozenSet<string> allowedTypes)
    {
        List<string>? badTypes = null;
        var userSet = false;
        var roleSet = false;
        var podBad = Inspect(spec.SecurityContext?.SeLinuxOptions, allowedTypes, ref badTypes, ref userSet, ref roleSet);
        List<string>? badContainers = null;
        foreach (var container in spec.AllContainers())
        {
            if (Inspect(container.SecurityContext?.SeLinuxOptions, allowedTypes, ref badTypes, ref userSet, ref roleSet))
            {
                (badContainers ??= []).Add(container.Name);
            }
        }

        if (!podBad && badContainers is null)
        {
            return CheckResult.Allow;
        }

        var parts = new List<string>(3);
        if (badTypes is not null)
        {
            Text.SortDistinct(badTypes);
            parts.Add($"{Text.Plural("type", "types", badTypes.Count)} {Text.Quoted(badTypes)}");
        }

        if (userSet)
        {
            parts.Add("user may not be set");
        }

        if (roleSet)
        {
            parts.Add("role may not be set");
        }

        return CheckResult.Forbid(Reason, $"{Text.PodAndContainers(podBad, badContainers)} set forbidden securityContext.seLinuxOptions: {string.Join("; ", parts)}");
    }

    private static bool Inspect(V1SELinuxOptions? options, FrozenSet<string> allowedTypes, ref List<string>? badTypes, ref bool userSet, ref bool roleSet)
    {
        if (options is null)
        {
            return false;
        }

        var bad = false;
        if (!allowedTypes.Contains(options.Type ?? string.Empty))
        {
            bad = true;
            (badTypes ??= []).Add(options.Type ?? string.Empty);
        }

        if (!string.IsNullOrEmpty(options.User))
        {
            bad = userSet = true;
        }

        if (!string.IsNullOrEmpty(options.Role))
        {
            bad = roleSet = true;
        }

        return bad;
    }
}
