using Kubeguard.PromAudit.Rules;

namespace Kubeguard.PromAudit;

/// <summary>What to audit and how to report it.</summary>
public sealed record AuditOptions
{
    /// <summary>Severities per probe.</summary>
    public SeverityPolicy Severities { get; init; } = SeverityPolicy.BuiltIn;

    /// <summary>Offline rules.</summary>
    public RiskRules Rules { get; init; } = RiskRules.BuiltIn;

    /// <summary>Replace IPs and host names with consistent stand-ins.</summary>
    public bool RedactInfrastructure { get; init; }

    /// <summary>Key for secret fingerprints; null draws a random key per report (the default, so fingerprints cannot be guessed offline).</summary>
    public ReadOnlyMemory<byte>? FingerprintKey { get; init; }

    /// <summary>Probes to run; null runs the whole catalogue.</summary>
    public IReadOnlyList<Probe>? Probes { get; init; }
}
