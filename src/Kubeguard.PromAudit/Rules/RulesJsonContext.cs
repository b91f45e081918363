using System.Text.Json.Serialization;

namespace Kubeguard.PromAudit.Rules;

/// <summary>
/// Source-generated JSON metadata for the shipped rules and severity files (no reflection, trimming
/// safe). The rule records have setters, not <c>init</c>: generated code passes every init-only
/// property to the object initializer, so a field missing from the file would become null instead
/// of keeping its default.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RiskRules))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class RulesJsonContext : JsonSerializerContext;
