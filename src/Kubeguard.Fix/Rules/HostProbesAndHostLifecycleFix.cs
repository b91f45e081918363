using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Deletes <c>host</c> from probe and lifecycle handlers (v1.34+); opt-in.</summary>
internal static class HostProbesAndHostLifecycleFix
{
    public static FixRule Rule { get; } = new(HostProbesAndHostLifecycle.Id, Plan);

    private static readonly string[][] Handlers =
    [
        ["livenessProbe"], ["readinessProbe"], ["startupProbe"], ["lifecycle", "postStart"], ["lifecycle", "preStop"],
    ];

    private static void Plan(PlanContext c)
    {
        foreach (var (container, _) in c.Containers())
        {
            foreach (var handler in Handlers)
            {
                foreach (var action in new[] { "httpGet", "tcpSocket" })
                {
                    var path = container.Keys(handler).Keys(action, "host");
                    if (!string.IsNullOrEmpty(PlanContext.Str(c.GetOriginal(path))))
                    {
                        c.Propose(HostProbesAndHostLifecycle.Id, SafetyClass.OptIn, EditKind.Remove, path, null,
                            "the handler now targets the pod IP; an app listening only on 127.0.0.1 fails it (use an exec or grpc probe)");
                    }
                }
            }
        }
    }
}
