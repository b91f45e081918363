using System.Globalization;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>
/// <c>runAsUser: 0</c>: manual, since deleting it falls back to the image's user (often root);
/// replaced with the UID given by <c>--run-as-user</c>.
/// </summary>
internal static class RunAsUserFix
{
    public static FixRule Rule { get; } = new(RunAsUser.Id, Plan);

    private static void Plan(PlanContext c)
    {
        Fix(c, c.PodSecurityContext.Key("runAsUser"));
        foreach (var (container, _) in c.Containers())
        {
            Fix(c, container.Keys("securityContext", "runAsUser"));
        }
    }

    private static void Fix(PlanContext c, FieldPath path)
    {
        if (PlanContext.Long(c.GetOriginal(path)) != 0)
        {
            return;
        }

        if (c.Options.RunAsUser is { } uid)
        {
            c.Propose(RunAsUser.Id, SafetyClass.OptIn, EditKind.Set, path, JsonValue.Create(uid),
                $"the UID {uid.ToString(CultureInfo.InvariantCulture)} comes from --run-as-user; files the image owns as root may become unreadable (consider fsGroup for volumes)", userSupplied: true);
        }
        else
        {
            c.Manual(RunAsUser.Id, path, "set runAsUser to a non-zero UID the image supports (for example --run-as-user 10001); deleting it would fall back to the image's user, often root");
        }
    }
}
