using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>An explicit bad seccomp type (or, before v1.19, annotation) → RuntimeDefault; opt-in. Absent passes baseline.</summary>
internal static class SeccompProfileBaselineFix
{
    public static FixRule Rule { get; } = new(SeccompProfileBaseline.Id, Plan);

    internal const string Note = "an explicit seccomp opt-out is overruled; sandboxed browsers, debuggers and nested runtimes can break";

    private static void Plan(PlanContext c)
    {
        if (c.Minor < 19)
        {
            Annotations(c);
            return;
        }

        FixType(c, SeccompProfileBaseline.Id, c.PodSecurityContext);
        foreach (var (container, _) in c.Containers())
        {
            FixType(c, SeccompProfileBaseline.Id, container.Key("securityContext"));
        }
    }

    /// <summary>Replaces a written seccomp type that is neither RuntimeDefault nor Localhost.</summary>
    internal static void FixType(PlanContext c, string checkId, FieldPath securityContext)
    {
        var profile = securityContext.Key("seccompProfile");
        if (c.GetOriginal(profile) is not JsonObject)
        {
            return;
        }

        var type = PlanContext.Str(c.GetOriginal(profile.Key("type")));
        if (type is not ("RuntimeDefault" or "Localhost"))
        {
            c.Propose(checkId, SafetyClass.OptIn, type is null ? EditKind.Insert : EditKind.Set, profile.Key("type"), PlanContext.Text("RuntimeDefault"), Note);
        }
    }

    private static void Annotations(PlanContext c)
    {
        if (c.GetOriginal(c.Meta.Key("annotations")) is not JsonObject annotations)
        {
            return;
        }

        foreach (var (key, value) in annotations)
        {
            var text = PlanContext.Str(value) ?? string.Empty;
            var relevant = key == SeccompProfileBaseline.PodAnnotation || key.StartsWith(SeccompProfileBaseline.ContainerAnnotationPrefix, StringComparison.Ordinal);
            if (relevant && text is not ("runtime/default" or "docker/default") && !text.StartsWith("localhost/", StringComparison.Ordinal))
            {
                c.Propose(SeccompProfileBaseline.Id, SafetyClass.OptIn, EditKind.Set, c.Meta.Keys("annotations", key), PlanContext.Text("runtime/default"), Note);
            }
        }
    }
}
