using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>HostProcess containers: manual (they do not work without it).</summary>
internal static class WindowsHostProcessFix
{
    public static FixRule Rule { get; } = new(WindowsHostProcess.Id, Plan);

    private const string Suggestion = "a HostProcess container does not work without it: run it in a namespace at the privileged level, or exempt this workload";

    private static void Plan(PlanContext c)
    {
        var pod = c.PodSecurityContext.Keys("windowsOptions", "hostProcess");
        if (PlanContext.Bool(c.GetOriginal(pod)) == true)
        {
            c.Manual(WindowsHostProcess.Id, pod, Suggestion);
        }

        foreach (var (container, _) in c.Containers())
        {
            var path = container.Keys("securityContext", "windowsOptions", "hostProcess");
            if (PlanContext.Bool(c.GetOriginal(path)) == true)
            {
                c.Manual(WindowsHostProcess.Id, path, Suggestion);
            }
        }
    }
}
