using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>
/// <c>allowPrivilegeEscalation</c>: absent → <c>false</c> (safe), <c>true</c> → <c>false</c> (opt-in);
/// skipped while <c>privileged: true</c> or CAP_SYS_ADMIN stays, which the API server rejects.
/// </summary>
internal static class AllowPrivilegeEscalationFix
{
    public static FixRule Rule { get; } = new(AllowPrivilegeEscalation.Id, Plan);

    private const string Note = "setuid and file-capability binaries (sudo, su, ping) stop gaining privileges";

    private static void Plan(PlanContext c)
    {
        if (c.IsWindows)
        {
            c.Manual(AllowPrivilegeEscalation.Id, c.Spec.Keys("os", "name"), WindowsNote.Text);
            return;
        }

        foreach (var (container, _) in c.Containers())
        {
            var sc = container.Key("securityContext");
            var path = sc.Key("allowPrivilegeEscalation");
            var current = PlanContext.Bool(c.GetOriginal(path));
            if (current == false)
            {
                continue;
            }

            var kind = current is null ? EditKind.Insert : EditKind.Set;
            var safety = current is null ? SafetyClass.Safe : SafetyClass.OptIn;
            var privileged = PlanContext.Bool(c.Get(sc.Key("privileged"))) == true;
            var sysAdmin = c.Get(sc.Keys("capabilities", "add")) is System.Text.Json.Nodes.JsonArray add && add.Any(a => PlanContext.Str(a) == "CAP_SYS_ADMIN");
            if (privileged || sysAdmin)
            {
                c.Skip(AllowPrivilegeEscalation.Id, safety, kind, path, PlanContext.False,
                    privileged
                        ? "the API server rejects allowPrivilegeEscalation: false beside privileged: true; fix privileged first (--allow privileged)"
                        : "the API server rejects allowPrivilegeEscalation: false beside the CAP_SYS_ADMIN capability; remove it first (--allow capabilities_restricted)");
                continue;
            }

            c.Propose(AllowPrivilegeEscalation.Id, safety, kind, path, PlanContext.False, Note);
        }
    }
}
