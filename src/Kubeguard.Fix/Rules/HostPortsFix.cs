using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>Deletes each non-zero <c>hostPort</c>; opt-in.</summary>
internal static class HostPortsFix
{
    public static FixRule Rule { get; } = new(HostPorts.Id, Plan);

    private static void Plan(PlanContext c)
    {
        foreach (var (container, _) in c.Containers())
        {
            if (c.GetOriginal(container.Key("ports")) is not System.Text.Json.Nodes.JsonArray ports)
            {
                continue;
            }

            for (var i = 0; i < ports.Count; i++)
            {
                var path = container.Key("ports").Item(i).Key("hostPort");
                if (PlanContext.Long(c.GetOriginal(path)) is { } port && port != 0)
                {
                    c.Propose(HostPorts.Id, SafetyClass.OptIn, EditKind.Remove, path, null,
                        "the port is no longer exposed on the node IP; expose it with a Service of type NodePort or LoadBalancer");
                }
            }
        }

        if (c.Template.IsPod && PlanContext.Bool(c.Get(c.Spec.Key("hostNetwork"))) == true)
        {
            c.Manual(HostPorts.Id, c.Spec.Key("hostNetwork"),
                "with hostNetwork: true the API server copies each containerPort into hostPort; this passes once hostNetwork is false (--allow hostNamespaces)");
        }
    }
}
