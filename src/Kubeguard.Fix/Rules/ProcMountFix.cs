using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary><c>procMount</c> other than Default → Default; opt-in.</summary>
internal static class ProcMountFix
{
    public static FixRule Rule { get; } = new(ProcMount.Id, c => Plan(c, ProcMount.Id));

    internal static void Plan(PlanContext c, string checkId)
    {
        foreach (var (container, _) in c.Containers())
        {
            var path = container.Keys("securityContext", "procMount");
            if (PlanContext.Str(c.GetOriginal(path)) is { } value && value != "Default")
            {
                c.Propose(checkId, SafetyClass.OptIn, EditKind.Set, path, PlanContext.Text("Default"),
                    c.Minor >= 35 ? "nested or rootless builders need an unmasked /proc; alternative: hostUsers: false" : "nested or rootless builders need an unmasked /proc");
            }
        }
    }
}
