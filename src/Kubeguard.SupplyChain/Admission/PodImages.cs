using System.Text.Json.Nodes;

namespace Kubeguard.SupplyChain.Admission;

/// <summary>One container image in an object: the container's name (with its list), the reference, and the JSON pointer to it.</summary>
/// <param name="Container">E.g. <c>containers[app]</c>, <c>initContainers[setup]</c>, <c>ephemeralContainers[debug]</c>.</param>
/// <param name="Reference">The image reference as written.</param>
/// <param name="Path">The JSON pointer to the <c>image</c> field, e.g. <c>/spec/containers/0/image</c>.</param>
public sealed record PodImage(string Container, string Reference, string Path);

/// <summary>Finds every container image of a Pod or of a workload's pod template, in JSON.</summary>
public static class PodImages
{
    private static readonly string[] Lists = ["initContainers", "containers", "ephemeralContainers"];

    /// <summary>The JSON pointer of the pod spec inside each pod-bearing kind.</summary>
    public static string? SpecPointer(string kind) => kind switch
    {
        "Pod" => "/spec",
        "PodTemplate" => "/template/spec",
        "ReplicationController" or "ReplicaSet" or "Deployment" or "StatefulSet" or "DaemonSet" or "Job" => "/spec/template/spec",
        "CronJob" => "/spec/jobTemplate/spec/template/spec",
        _ => null,
    };

    /// <summary>Every image of <paramref name="obj"/> (empty for kinds without a pod spec).</summary>
    public static IReadOnlyList<PodImage> Find(string kind, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var pointer = SpecPointer(kind);
        if (pointer is null)
        {
            return [];
        }

        JsonNode? spec = obj;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            spec = spec is JsonObject o ? o[segment] : null;
        }

        var images = new List<PodImage>();
        if (spec is not JsonObject podSpec)
        {
            return images;
        }

        foreach (var list in Lists)
        {
            if (podSpec[list] is not JsonArray containers)
            {
                continue;
            }

            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i] is JsonObject container && container["image"] is JsonValue value && value.TryGetValue<string>(out var image))
                {
                    var name = container["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    images.Add(new PodImage($"{list}[{name}]", image, $"{pointer}/{list}/{i}/image"));
                }
            }
        }

        return images;
    }
}
