namespace Kubeguard.Policy;

/// <summary>The outcome of one check on one pod: allowed, or forbidden with a reason and a detail.</summary>
/// <param name="Allowed">True when the check passed.</param>
/// <param name="Reason">Short, stable, user-facing reason (upstream text); null when allowed.</param>
/// <param name="Detail">Which fields and values offend (upstream text); null when allowed.</param>
public readonly record struct CheckResult(bool Allowed, string? Reason, string? Detail)
{
    /// <summary>The allowed result.</summary>
    public static CheckResult Allow => new(true, null, null);

    /// <summary>A forbidden result.</summary>
    public static CheckResult Forbid(string reason, string detail) => new(false, reason, detail);
}
