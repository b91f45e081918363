namespace Kubeguard.Policy;

/// <summary>One failed check in an evaluation.</summary>
/// <param name="CheckId">Upstream check ID, e.g. <c>runAsNonRoot</c>.</param>
/// <param name="Reason">Upstream reason, e.g. <c>runAsNonRoot != true</c>.</param>
/// <param name="Detail">Upstream detail, e.g. <c>pod or container "app" must set securityContext.runAsNonRoot=true</c>.</param>
public sealed record CheckViolation(string CheckId, string Reason, string Detail)
{
    /// <summary><c>reason (detail)</c>, or the bare reason when the detail is empty.</summary>
    public override string ToString() => Detail.Length == 0 ? Reason : Reason + " (" + Detail + ")";
}
