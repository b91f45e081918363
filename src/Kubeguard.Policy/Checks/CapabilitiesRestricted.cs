using k8s.Models;

namespace Kubeguard.Policy.Checks;

/// <summary>
/// Containers must drop ALL capabilities and may only add back <c>NET_BIND_SERVICE</c>.
/// </summary>
/// <remarks>
/// <para>Level: restricted, from v1.22; replaces <c>capabilities_baseline</c>. From v1.25 Windows pods are exempt.</para>
/// <para>Fields: <c>spec.*Containers[*].securityContext.capabilities.{drop,add}</c>.</para>
/// </remarks>
public static class CapabilitiesRestricted
{
    /// <summary>Upstream check ID.</summary>
    public const string Id = "capabilities_restricted";

    /// <summary>Upstream reason.</summary>
    public const string Reason = "unrestricted capabilities";

    /// <summary>Check definition.</summary>
    public static Check Definition { get; } = new(Id, Level.Restricted,
    [
        new(PolicyVersion.Of(1, 22), V1_22) { Overrides = [CapabilitiesBaseline.Id] },
        new(PolicyVersion.Of(1, 25), V1_25) { Overrides = [CapabilitiesBaseline.Id] },
    ])
    {
        Summary = "Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE.",
        Remediation = "Set securityContext.capabilities.drop: [\"ALL\"] and add at most NET_BIND_SERVICE.",
        Fields =
        [
            "spec.containers[*].securityContext.capabilities.drop",
            "spec.containers[*].securityContext.capabilities.add",
            "spec.os.name",
        ],
    };

    private static CheckResult V1_22(V1ObjectMeta? metadata, V1PodSpec spec)
    {
        List<string>? missingDrop = null;
        List<string>? adding = null;
        List<string>? forbidden = null;
        foreach (var container in spec.AllContainers())
        {
            var capabilities = container.SecurityContext?.Capabilities;
            if (capabilities is null)
            {
                (missingDrop ??= []).Add(container.Name);
                continue;
            }

            if (capabilities.Drop is null || !capabilities.Drop.Contains("ALL"))
            {
                (missingDrop ??= []).Add(container.Name);
            }

            var bad = false;
            if (capabilities.Add is not null)
            {
                foreach (var capability in capabilities.Add)
                {
                    if (capability != "NET_BIND_SERVICE")
                    {
                        bad = true;
                        (forbidden ??= []).Add(capability ?? string.Empty);
                    }
                }
            }

            if (bad)
            {
                (adding ??= []).Add(container.Name);
            }
        }

        if (missingDrop is null && adding is null)
        {
            return CheckResult.Allow;
        }

        var parts = new List<string>(2);
        if (missingDrop is not null)
        {
            parts.Add($"{Text.Plural("container", "containers", missingDrop.Count)} {Text.Quoted(missingDrop)} must set securityContext.capabilities.drop=[\"ALL\"]");
        }

        if (adding is not null)
        {
            Text.SortDistinct(forbidden!);
            parts.Add($"{Text.Plural("container", "containers", adding.Count)} {Text.Quoted(adding)} must not include {Text.Quoted(forbidden!)} in securityContext.capabilities.add");
        }

        return CheckResult.Forbid(Reason, string.Join("; ", parts));
    }

    private static CheckResult V1_25(V1ObjectMeta? metadata, V1PodSpec spec) =>
        spec.IsWindows() ? CheckResult.Allow : V1_22(metadata, spec);
}
