using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubeguard.Testing.KubeApi;

internal static class StatusJson
{
    public static JsonSerializerOptions Options { get; } = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
