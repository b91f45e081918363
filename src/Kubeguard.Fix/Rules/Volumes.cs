using System.Text.Json.Nodes;
using Kubeguard.Fix.Planning;

namespace Kubeguard.Fix.Rules;

/// <summary>Helpers for the volume rules.</summary>
internal static class Volumes
{
    /// <summary><c> (mounted by "a", "b")</c>, or empty.</summary>
    public static string MountedBy(PlanContext c, string volume)
    {
        var users = new List<string>();
        foreach (var (container, name) in c.Containers())
        {
            if (c.GetOriginal(container.Key("volumeMounts")) is JsonArray mounts && mounts.Any(m => PlanContext.Str(m?["name"]) == volume))
            {
                users.Add($"\"{name}\"");
            }
        }

        return users.Count == 0 ? string.Empty : $" (mounted by {string.Join(", ", users)})";
    }
}
