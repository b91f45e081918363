using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary>AppArmor <c>Unconfined</c> (field or annotation) → RuntimeDefault; opt-in.</summary>
internal static class AppArmorProfileFix
{
    public static FixRule Rule { get; } = new(AppArmorProfile.Id, Plan);

    private const string Note = "an explicit AppArmor opt-out is overruled; some tools need it";

    private static void Plan(PlanContext c)
    {
        Profile(c, c.PodSecurityContext);
        foreach (var (container, _) in c.Containers())
        {
            Profile(c, container.Key("securityContext"));
        }

        if (c.GetOriginal(c.Meta.Key("annotations")) is JsonObject annotations)
        {
            foreach (var (key, value) in annotations)
            {
                var text = PlanContext.Str(value) ?? string.Empty;
                if (key.StartsWith(AppArmorProfile.AnnotationPrefix, StringComparison.Ordinal)
                    && text.Length > 0 && text != "runtime/default" && !text.StartsWith("localhost/", StringComparison.Ordinal))
                {
                    c.Propose(AppArmorProfile.Id, SafetyClass.OptIn, EditKind.Set, c.Meta.Keys("annotations", key), PlanContext.Text("runtime/default"), Note);
                }
            }
        }
    }

    private static void Profile(PlanContext c, FieldPath securityContext)
    {
        var profile = securityContext.Key("appArmorProfile");
        if (c.GetOriginal(profile) is not JsonObject)
        {
            return;
        }

        var type = PlanContext.Str(c.GetOriginal(profile.Key("type")));
        if (type is not ("RuntimeDefault" or "Localhost"))
        {
            c.Propose(AppArmorProfile.Id, SafetyClass.OptIn, type is null ? EditKind.Insert : EditKind.Set, profile.Key("type"), PlanContext.Text("RuntimeDefault"), Note);
        }
    }
}
