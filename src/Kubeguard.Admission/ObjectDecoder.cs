using System.Collections.Frozen;
using System.Text.Json;
using k8s;
using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Admission;

/// <summary>Decodes a raw admission object into the typed Kubernetes model named by its apiVersion and kind.</summary>
internal static class ObjectDecoder
{
    private static readonly FrozenDictionary<(string ApiVersion, string Kind), Func<JsonElement, object>> Decoders =
        new Dictionary<(string, string), Func<JsonElement, object>>
        {
            [("v1", "Pod")] = e => KubernetesJson.Deserialize<V1Pod>(e),
            [("v1", "Namespace")] = e => KubernetesJson.Deserialize<V1Namespace>(e),
            [("v1", "PodTemplate")] = e => KubernetesJson.Deserialize<V1PodTemplate>(e),
            [("v1", "ReplicationController")] = e => KubernetesJson.Deserialize<V1ReplicationController>(e),
            [("apps/v1", "ReplicaSet")] = e => KubernetesJson.Deserialize<V1ReplicaSet>(e),
            [("apps/v1", "Deployment")] = e => KubernetesJson.Deserialize<V1Deployment>(e),
            [("apps/v1", "StatefulSet")] = e => KubernetesJson.Deserialize<V1StatefulSet>(e),
            [("apps/v1", "DaemonSet")] = e => KubernetesJson.Deserialize<V1DaemonSet>(e),
            [("batch/v1", "Job")] = e => KubernetesJson.Deserialize<V1Job>(e),
            [("batch/v1", "CronJob")] = e => KubernetesJson.Deserialize<V1CronJob>(e),
        }.ToFrozenDictionary();

    /// <summary>
    /// The decoded object, or the decode error. Objects of kinds without a model here decode to a
    /// <see cref="JsonElement"/> (they carry no pod template).
    /// </summary>
    public static (object? Value, string? Error) Decode(JsonElement? raw)
    {
        if (raw is not { ValueKind: JsonValueKind.Object } element)
        {
            return (null, "no object in the request");
        }

        var kind = element.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var apiVersion = element.TryGetProperty("apiVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (string.IsNullOrEmpty(kind))
        {
            return (null, "Object 'Kind' is missing");
        }

        if (string.IsNullOrEmpty(apiVersion))
        {
            return (null, "Object 'apiVersion' is missing");
        }

        if (!Decoders.TryGetValue((apiVersion, kind), out var decode))
        {
            return (element, null);
        }

        try
        {
            return (decode(element), null);
        }
        catch (JsonException ex)
        {
            return (null, ex.Message);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>A short name of what an object is, for error texts.</summary>
    public static string Describe(object value) => value switch
    {
        JsonElement e when e.TryGetProperty("kind", out var k) => GoText.Quote(k.ToString()),
        IKubernetesObject o => GoText.Quote(o.Kind),
        _ => value.GetType().Name,
    };
}
