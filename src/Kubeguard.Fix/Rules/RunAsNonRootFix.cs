using System.Globalization;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>
/// <c>runAsNonRoot</c>: an explicit <c>false</c> → <c>true</c> (opt-in); absent → one pod-level
/// <c>runAsNonRoot: true</c>, safe when every container already runs with a UID above 0, otherwise
/// opt-in or written together with the UID from <c>--run-as-user</c>.
/// </summary>
internal static class RunAsNonRootFix
{
    public static FixRule Rule { get; } = new(RunAsNonRoot.Id, Plan);

    private static void Plan(PlanContext c)
    {
        var podPath = c.PodSecurityContext.Key("runAsNonRoot");
        var pod = PlanContext.Bool(c.GetOriginal(podPath));
        var containers = c.Containers().ToList();
        foreach (var (container, _) in containers)
        {
            var path = container.Keys("securityContext", "runAsNonRoot");
            if (PlanContext.Bool(c.GetOriginal(path)) == false)
            {
                c.Propose(RunAsNonRoot.Id, SafetyClass.OptIn, EditKind.Set, path, PlanContext.True,
                    "the kubelet refuses to start the container if its image runs as root");
            }
        }

        var uncovered = containers.Where(x => PlanContext.Bool(c.GetOriginal(x.Path.Keys("securityContext", "runAsNonRoot"))) is null).ToList();
        if (pod == false)
        {
            c.Propose(RunAsNonRoot.Id, SafetyClass.OptIn, EditKind.Set, podPath, PlanContext.True,
                "the kubelet refuses to start containers whose image runs as root");
            return;
        }

        if (pod == true || (uncovered.Count == 0 && containers.Count > 0))
        {
            return;
        }

        if (uncovered.All(x => c.EffectiveRunAsUser(x.Path) > 0) && containers.Count > 0)
        {
            c.Propose(RunAsNonRoot.Id, SafetyClass.Safe, EditKind.Insert, podPath, PlanContext.True,
                "every container already runs with a UID above 0, so this changes nothing at run time");
            return;
        }

        if (c.Options.RunAsUser is { } uid)
        {
            var uidText = uid.ToString(CultureInfo.InvariantCulture);
            c.Propose(RunAsNonRoot.Id, SafetyClass.OptIn, EditKind.Insert, podPath, PlanContext.True, $"written with runAsUser {uidText} from --run-as-user", userSupplied: true);
            var podUser = c.PodSecurityContext.Key("runAsUser");
            if (c.GetOriginal(podUser) is null && uncovered.Any(x => c.EffectiveRunAsUser(x.Path) is null))
            {
                c.Propose(RunAsNonRoot.Id, SafetyClass.OptIn, EditKind.Insert, podUser, JsonValue.Create(uid),
                    $"the UID {uidText} comes from --run-as-user; files the image owns as root may become unreadable (consider fsGroup for volumes)", userSupplied: true);
            }

            return;
        }

        c.Propose(RunAsNonRoot.Id, SafetyClass.OptIn, EditKind.Insert, podPath, PlanContext.True,
            "the kubelet refuses to start a container whose image runs as root or names a non-numeric user; give --run-as-user UID, or --allow runAsNonRoot if the image already runs as non-root");
    }
}
