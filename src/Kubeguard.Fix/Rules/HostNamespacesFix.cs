using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary><c>hostNetwork/hostPID/hostIPC: true</c> → <c>false</c>; opt-in.</summary>
internal static class HostNamespacesFix
{
    public static FixRule Rule { get; } = new(HostNamespaces.Id, Plan);

    private static void Plan(PlanContext c)
    {
        foreach (var field in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            var path = c.Spec.Key(field);
            if (PlanContext.Bool(c.GetOriginal(path)) == true)
            {
                c.Propose(HostNamespaces.Id, SafetyClass.OptIn, EditKind.Set, path, PlanContext.False,
                    field == "hostNetwork" ? "node agents and apps bound to the node IP break; check dnsPolicy ClusterFirstWithHostNet" : "node agents that inspect host processes or IPC break");
            }
        }
    }
}
