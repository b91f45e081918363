using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>
/// Restricted seccomp: absent everywhere → one pod-level <c>seccompProfile: {type: RuntimeDefault}</c>
/// (safe); an explicit bad type → RuntimeDefault (opt-in). Windows pods get no Linux-only field.
/// </summary>
internal static class SeccompProfileRestrictedFix
{
    public static FixRule Rule { get; } = new(SeccompProfileRestricted.Id, Plan);

    private static void Plan(PlanContext c)
    {
        if (c.IsWindows)
        {
            c.Manual(SeccompProfileRestricted.Id, c.Spec.Keys("os", "name"), WindowsNote.Text);
            return;
        }

        SeccompProfileBaselineFix.FixType(c, SeccompProfileRestricted.Id, c.PodSecurityContext);
        var containers = c.Containers().ToList();
        foreach (var (container, _) in containers)
        {
            SeccompProfileBaselineFix.FixType(c, SeccompProfileRestricted.Id, container.Key("securityContext"));
        }

        var pod = c.PodSecurityContext.Key("seccompProfile");
        if (c.GetOriginal(pod) is null && containers.Any(x => c.GetOriginal(x.Path.Keys("securityContext", "seccompProfile")) is null))
        {
            c.Propose(SeccompProfileRestricted.Id, SafetyClass.Safe, EditKind.Insert, pod, new JsonObject { ["type"] = "RuntimeDefault" },
                "RuntimeDefault blocks a few rarely used syscalls (unshare, mount, keyctl, perf)");
        }
    }
}
