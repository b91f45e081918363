using System.Collections.Immutable;

namespace Kubeguard.PromAudit;

/// <summary>
/// What one probe found. Evidence is already redacted: it never holds a secret value.
/// <see cref="Elevated"/> asks for the probe's elevated severity (configured outside the probe).
/// </summary>
/// <param name="Outcome">Clear, exposed or inconclusive.</param>
/// <param name="Summary">One sentence for the report.</param>
/// <param name="Evidence">Redacted evidence lines.</param>
/// <param name="Elevated">True when the condition for the probe's higher severity holds.</param>
public sealed record ProbeResult(ProbeOutcome Outcome, string Summary, ImmutableArray<string> Evidence, bool Elevated)
{
    /// <summary>The exposure is not present.</summary>
    public static ProbeResult Clear(string summary, IEnumerable<string>? evidence = null) =>
        new(ProbeOutcome.Clear, summary, [.. evidence ?? []], false);

    /// <summary>The exposure is present.</summary>
    public static ProbeResult Exposed(string summary, IEnumerable<string>? evidence = null, bool elevated = false) =>
        new(ProbeOutcome.Exposed, summary, [.. evidence ?? []], elevated);

    /// <summary>The probe could not decide; <paramref name="reason"/> says why.</summary>
    public static ProbeResult Inconclusive(string reason) =>
        new(ProbeOutcome.Inconclusive, reason, [], false);
}
