using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary><c>privileged: true</c> → <c>false</c>; opt-in (it overrules the author).</summary>
internal static class PrivilegedFix
{
    public static FixRule Rule { get; } = new(Privileged.Id, Plan);

    private static void Plan(PlanContext c)
    {
        foreach (var (container, _) in c.Containers())
        {
            var path = container.Keys("securityContext", "privileged");
            if (PlanContext.Bool(c.GetOriginal(path)) == true)
            {
                c.Propose(Privileged.Id, SafetyClass.OptIn, EditKind.Set, path, PlanContext.False,
                    "device access, CNI and storage agents and Docker-in-Docker stop working without it");
            }
        }
    }
}
