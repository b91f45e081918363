using System.Text.Json.Serialization;

namespace Kubeguard.Admission.Wire;

/// <summary>Source-generated JSON metadata for the wire types (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdmissionReview))]
internal sealed partial class WireJsonContext : JsonSerializerContext;
