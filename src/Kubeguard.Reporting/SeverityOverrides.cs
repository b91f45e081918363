using System.Collections.Frozen;

namespace Kubeguard.Reporting;

/// <summary>
/// Severities set by configuration, per rule ID, over the defaults a producer declares. Parsed from
/// <c>ruleId=severity</c> entries, e.g. <c>hostPorts=low</c>.
/// </summary>
public sealed class SeverityOverrides
{
    private readonly FrozenDictionary<string, Severity> _byRule;

    private SeverityOverrides(Dictionary<string, Severity> byRule) => _byRule = byRule.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>No overrides: every rule keeps its default.</summary>
    public static SeverityOverrides None { get; } = new([]);

    /// <summary>The rules that have an override.</summary>
    public IReadOnlyCollection<string> RuleIds => _byRule.Keys;

    /// <summary>The severity for <paramref name="ruleId"/>: the override, or <paramref name="defaultSeverity"/>.</summary>
    public Severity For(string ruleId, Severity defaultSeverity) =>
        _byRule.TryGetValue(ruleId, out var severity) ? severity : defaultSeverity;

    /// <summary>
    /// Parses <c>ruleId=severity</c> entries. Returns false with a message naming the first bad entry.
    /// </summary>
    public static bool TryParse(IEnumerable<string> entries, out SeverityOverrides overrides, out string? error)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byRule = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !Severities.TryParse(entry[(equals + 1)..], out var severity))
            {
                overrides = None;
                error = $"invalid severity override \"{entry}\": expected RULE=SEVERITY with SEVERITY one of {string.Join(", ", Severities.All.Select(s => s.ToWireString()))}";
                return false;
            }

            byRule[entry[..equals].Trim()] = severity;
        }

        overrides = byRule.Count == 0 ? None : new SeverityOverrides(byRule);
        error = null;
        return true;
    }
}
