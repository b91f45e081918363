namespace Kubeguard.PromAudit;

/// <summary>How serious a finding is, lowest first.</summary>
public enum Severity
{
    /// <summary>Information that helps an attacker but is not a weakness by itself.</summary>
    Info,

    /// <summary>A hygiene issue.</summary>
    Low,

    /// <summary>A weakness worth fixing soon.</summary>
    Medium,

    /// <summary>A weakness that materially helps an attack.</summary>
    High,

    /// <summary>A weakness that lets anyone who reaches the server do damage now.</summary>
    Critical,
}
