using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>
/// Restricted capabilities: <c>drop</c> gains <c>ALL</c> (safe when the container runs as
/// non-root, opt-in otherwise); <c>add</c> entries other than NET_BIND_SERVICE are deleted (opt-in).
/// </summary>
internal static class CapabilitiesRestrictedFix
{
    public static FixRule Rule { get; } = new(CapabilitiesRestricted.Id, Plan);

    private static void Plan(PlanContext c)
    {
        if (c.IsWindows)
        {
            c.Manual(CapabilitiesRestricted.Id, c.Spec.Keys("os", "name"), WindowsNote.Text);
            return;
        }

        foreach (var (container, _) in c.Containers())
        {
            var capabilities = container.Keys("securityContext", "capabilities");
            var drop = capabilities.Key("drop");
            var dropped = c.GetOriginal(drop) as JsonArray;
            if (dropped is null || !dropped.Any(d => PlanContext.Str(d) == "ALL"))
            {
                var nonRoot = c.IsNonRoot(container);
                var note = nonRoot
                    ? "the container runs as non-root, which has no capabilities to lose at start-up"
                    : "the container may run as root: root images that chown or switch users at start-up (CHOWN, SETUID, SETGID) break; make it non-root or --allow capabilities_restricted";
                if (dropped is not null)
                {
                    c.Propose(CapabilitiesRestricted.Id, nonRoot ? SafetyClass.Safe : SafetyClass.OptIn, EditKind.Append, drop, PlanContext.Text("ALL"), note);
                }
                else
                {
                    c.Propose(CapabilitiesRestricted.Id, nonRoot ? SafetyClass.Safe : SafetyClass.OptIn, EditKind.Insert, drop, new JsonArray("ALL"), note);
                }
            }

            if (c.GetOriginal(capabilities.Key("add")) is JsonArray added)
            {
                for (var i = 0; i < added.Count; i++)
                {
                    var name = PlanContext.Str(added[i]) ?? string.Empty;
                    if (name != "NET_BIND_SERVICE")
                    {
                        c.Propose(CapabilitiesRestricted.Id, SafetyClass.OptIn, EditKind.Remove, capabilities.Key("add").Item(i), null,
                            $"the container loses {name}; apps that really need it break");
                    }
                }
            }
        }
    }
}
