namespace Kubeguard.PromAudit.Http;

/// <summary>The request gate's verdict on one request.</summary>
/// <param name="Allowed">True when the request may be sent.</param>
/// <param name="Reason">Why it was refused; empty when allowed.</param>
public readonly record struct GateDecision(bool Allowed, string Reason)
{
    /// <summary>The request may be sent.</summary>
    public static GateDecision Allow { get; } = new(true, "");

    /// <summary>The request must not be sent.</summary>
    public static GateDecision Refuse(string reason) => new(false, reason);
}
