using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Deletes sysctls outside the target version's safe list; opt-in.</summary>
internal static class SysctlsFix
{
    public static FixRule Rule { get; } = new(Sysctls.Id, Plan);

    private static void Plan(PlanContext c)
    {
        var allowed = c.Minor >= 37 ? Sysctls.AllowedV1_37 : c.Minor >= 32 ? Sysctls.AllowedV1_32 : c.Minor >= 29 ? Sysctls.AllowedV1_29 : c.Minor >= 27 ? Sysctls.AllowedV1_27 : Sysctls.AllowedV1_0;
        var list = c.PodSecurityContext.Key("sysctls");
        if (c.GetOriginal(list) is not JsonArray items)
        {
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var name = PlanContext.Str(items[i]?["name"]) ?? string.Empty;
            if (!allowed.Contains(name))
            {
                c.Propose(Sysctls.Id, SafetyClass.OptIn, EditKind.Remove, list.Item(i), null,
                    $"the app loses the tuning it asked for ({name}); set it on the node if it is needed");
            }
        }
    }
}
