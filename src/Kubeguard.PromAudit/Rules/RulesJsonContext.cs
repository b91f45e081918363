using System.Text.Json.Serialization;

namespace Kubeguard.PromAudit.Rules;

/// <summary>Source-generated JSON metadata for the shipped rules and severity files (no reflection, trimming safe).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RiskRules))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
