using System.Collections.Immutable;

namespace Kubeguard.Checks;

/// <summary>
/// The severity of each check, kept apart from the checks so that users can change it
/// (<see cref="With"/>). The defaults are one line per check, in catalog order.
/// </summary>
public sealed class SeverityTable
{
    private readonly ImmutableDictionary<string, Severity> _severities;

    private SeverityTable(ImmutableDictionary<string, Severity> severities) => _severities = severities;

    /// <summary>The default severities.</summary>
    public static SeverityTable Default { get; } = new(new Dictionary<string, Severity>(StringComparer.Ordinal)
    {
        ["image-not-pinned-by-digest"] = Severity.Low,
        ["image-mutable-tag"] = Severity.Medium,
        ["image-registry-not-allowed"] = Severity.High,
        ["image-pull-policy-takes-moved-tag"] = Severity.Low,
        ["service-account-token-automounted"] = Severity.Low,
        ["legacy-service-account-token-secret"] = Severity.High,
        ["projected-token-without-audience"] = Severity.Medium,
        ["projected-token-long-expiry"] = Severity.Medium,
        ["default-service-account"] = Severity.Low,
        ["service-exposed-outside-cluster"] = Severity.Medium,
        ["service-external-ips"] = Severity.High,
        ["namespace-without-default-deny"] = Severity.Medium,
        ["monitoring-exposed"] = Severity.High,
        ["monitoring-dangerous-flags"] = Severity.High,
        ["calico-wireguard-disabled"] = Severity.Medium,
        ["cilium-encryption-disabled"] = Severity.Medium,
        ["rbac-wildcard"] = Severity.High,
        ["rbac-secrets-read-cluster-wide"] = Severity.High,
        ["rbac-pod-exec-attach"] = Severity.High,
        ["rbac-ephemeral-containers"] = Severity.High,
        ["rbac-escalate-bind-impersonate"] = Severity.Critical,
        ["rbac-binding-to-everyone"] = Severity.Critical,
        ["rbac-cluster-admin-service-account"] = Severity.Critical,
        ["tee-001"] = Severity.High,
        ["tee-002"] = Severity.Critical,
        ["tee-003"] = Severity.Critical,
        ["tee-004"] = Severity.High,
        ["tee-005"] = Severity.High,
        ["tee-006"] = Severity.High,
        ["tee-007"] = Severity.High,
        ["tee-008"] = Severity.Medium,
        ["tee-009"] = Severity.Medium,
        ["tee-010"] = Severity.High,
        ["tee-011"] = Severity.Critical,
        ["tee-012"] = Severity.Critical,
        ["tee-013"] = Severity.High,
        ["tee-014"] = Severity.High,
    }.ToImmutableDictionary(StringComparer.Ordinal));

    /// <summary>The check IDs this table has a severity for.</summary>
    public IEnumerable<string> Ids => _severities.Keys;

    /// <summary>The severity of a check; <see cref="Severity.Medium"/> for an ID the table does not know.</summary>
    public Severity this[string checkId] => _severities.TryGetValue(checkId, out var s) ? s : Severity.Medium;

    /// <summary>True when the table has an entry for this ID.</summary>
    public bool Contains(string checkId) => _severities.ContainsKey(checkId);

    /// <summary>A copy with some severities changed; unknown IDs are listed in <paramref name="errors"/> and ignored.</summary>
    public SeverityTable With(IEnumerable<KeyValuePair<string, Severity>> overrides, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var problems = new List<string>();
        var builder = _severities.ToBuilder();
        foreach (var (id, severity) in overrides)
        {
            if (!_severities.ContainsKey(id))
            {
                problems.Add($"unknown check \"{id}\" in severity overrides");
                continue;
            }

            builder[id] = severity;
        }

        errors = problems;
        return new SeverityTable(builder.ToImmutable());
    }
}
