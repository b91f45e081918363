using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;

namespace Kubeguard.Admission;

/// <summary>How the checks beyond Pod Security run at admission.</summary>
public sealed record AdmissionCheckOptions
{
    /// <summary>Families, registry allow-list and severities of the checks (every family by default).</summary>
    public CheckOptions Checks { get; init; } = CheckOptions.Default;

    /// <summary>
    /// Findings of this severity or higher deny the request; null (the default) only warns.
    /// </summary>
    public Severity? DenyOn { get; init; }

    /// <summary>Exemptions from the shared exemptions file (inline annotations are read from the object).</summary>
    public ExemptionSet Exemptions { get; init; } = ExemptionSet.Empty;
}
