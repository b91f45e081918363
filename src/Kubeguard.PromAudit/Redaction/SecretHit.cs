namespace Kubeguard.PromAudit.Redaction;

/// <summary>A detected secret: never the value, only where, what kind, how long and a keyed fingerprint.</summary>
/// <param name="Location">Endpoint and path, or series and label name.</param>
/// <param name="Kind">Detector class, e.g. <c>aws-access-key</c>, <c>url-userinfo</c>, <c>named-secret</c>.</param>
/// <param name="Length">Length of the value.</param>
/// <param name="Fingerprint">HMAC-SHA256 with the per-report key, 12 hex characters.</param>
/// <param name="Strong">True when the value itself looks like a credential (not only its key name).</param>
public sealed record SecretHit(string Location, string Kind, int Length, string Fingerprint, bool Strong)
{
    /// <summary>The evidence line for this hit.</summary>
    public override string ToString() => $"{Location}: {Kind}, length {Length}, fingerprint {Fingerprint}";
}
