using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubeguard.Admission.Wire;

/// <summary>Source-generated JSON metadata for the wire types (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdmissionReview))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context used on the wire: quotes in messages are written as <c>\"</c> (as the API server
    /// writes them), not as <c>\u0022</c>.
    /// </summary>
    public static WireJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
