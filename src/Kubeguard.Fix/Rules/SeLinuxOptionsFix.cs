using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Deletes forbidden <c>seLinuxOptions</c> user, role and type; opt-in.</summary>
internal static class SeLinuxOptionsFix
{
    public static FixRule Rule { get; } = new(SeLinuxOptions.Id, Plan);

    private static void Plan(PlanContext c)
    {
        var allowed = c.Minor >= 31 ? SeLinuxOptions.AllowedTypesV1_31 : SeLinuxOptions.AllowedTypesV1_0;
        Options(c, c.PodSecurityContext.Key("seLinuxOptions"), allowed);
        foreach (var (container, _) in c.Containers())
        {
            Options(c, container.Keys("securityContext", "seLinuxOptions"), allowed);
        }
    }

    private static void Options(PlanContext c, FieldPath options, System.Collections.Frozen.FrozenSet<string> allowedTypes)
    {
        if (c.GetOriginal(options) is not JsonObject)
        {
            return;
        }

        foreach (var field in new[] { "user", "role" })
        {
            if (!string.IsNullOrEmpty(PlanContext.Str(c.GetOriginal(options.Key(field)))))
            {
                c.Propose(SeLinuxOptions.Id, SafetyClass.OptIn, EditKind.Remove, options.Key(field), null, "privileged agents may rely on this SELinux " + field);
            }
        }

        if (PlanContext.Str(c.GetOriginal(options.Key("type"))) is { } type && !allowedTypes.Contains(type))
        {
            c.Propose(SeLinuxOptions.Id, SafetyClass.OptIn, EditKind.Remove, options.Key("type"), null, "the container runs with the runtime's default SELinux type instead (agents often use spc_t)");
        }
    }
}
