using System.Collections.Frozen;
using System.Text.Json;
using Kubeguard.PromAudit.Rules;
using Kubeguard.Reporting;

namespace Kubeguard.PromAudit;

/// <summary>
/// Severities live outside the probes: each probe ID has a default severity and, optionally, an
/// elevated one used when the probe reports the aggravating condition. Teams can ship their own file.
/// </summary>
public sealed class SeverityPolicy
{
    private readonly FrozenDictionary<string, (Severity Default, Severity Elevated)> _levels;

    private SeverityPolicy(FrozenDictionary<string, (Severity, Severity)> levels) => _levels = levels;

    /// <summary>The severities shipped in this build.</summary>
    public static SeverityPolicy BuiltIn { get; } = Load(typeof(SeverityPolicy).Assembly.GetManifestResourceStream("Kubeguard.PromAudit.severities.json")!);

    /// <summary>
    /// Reads <c>{"PROM-001": {"default": "High", "elevated": "Critical"}, …}</c>. Entries missing
    /// from <paramref name="json"/> keep their built-in values when <paramref name="fallback"/> is given.
    /// </summary>
    public static SeverityPolicy Load(Stream json, SeverityPolicy? fallback = null)
    {
        var entries = JsonSerializer.Deserialize(json, RulesJsonContext.Default.DictionaryStringDictionaryStringString)
            ?? throw new InvalidDataException("empty severity file");
        var levels = fallback is null ? [] : new Dictionary<string, (Severity, Severity)>(fallback._levels);
        foreach (var (id, entry) in entries)
        {
            if (!entry.TryGetValue("default", out var text) || !Severities.TryParse(text, out var baseLevel) || baseLevel == Severity.None)
            {
                throw new InvalidDataException($"severity for {id}: 'default' must be one of {"info, low, medium, high or critical"}");
            }

            var elevated = baseLevel;
            if (entry.TryGetValue("elevated", out var raised) && (!Severities.TryParse(raised, out elevated) || elevated == Severity.None))
            {
                throw new InvalidDataException($"severity for {id}: 'elevated' must be one of {"info, low, medium, high or critical"}");
            }

            levels[id] = (baseLevel, elevated);
        }

        return new SeverityPolicy(levels.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>True when the policy has an entry for <paramref name="id"/>.</summary>
    public bool Knows(ProbeId id) => _levels.ContainsKey(id.Code);

    /// <summary>The severity of an exposed result of probe <paramref name="id"/>.</summary>
    public Severity For(ProbeId id, bool elevated) =>
        _levels.TryGetValue(id.Code, out var level) ? (elevated ? level.Elevated : level.Default) : Severity.Medium;
}
