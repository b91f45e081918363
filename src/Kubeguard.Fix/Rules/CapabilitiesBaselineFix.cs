using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Deletes <c>capabilities.add</c> entries outside the baseline list; opt-in.</summary>
internal static class CapabilitiesBaselineFix
{
    public static FixRule Rule { get; } = new(CapabilitiesBaseline.Id, Plan);

    private static void Plan(PlanContext c)
    {
        foreach (var (container, _) in c.Containers())
        {
            var add = container.Keys("securityContext", "capabilities", "add");
            if (c.GetOriginal(add) is not JsonArray items)
            {
                continue;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var capability = PlanContext.Str(items[i]) ?? string.Empty;
                if (!CapabilitiesBaseline.Allowed.Contains(capability))
                {
                    c.Propose(CapabilitiesBaseline.Id, SafetyClass.OptIn, EditKind.Remove, add.Item(i), null,
                        $"the container loses {capability}; apps that really need it (NET_ADMIN, SYS_TIME, ...) break");
                }
            }
        }
    }
}
