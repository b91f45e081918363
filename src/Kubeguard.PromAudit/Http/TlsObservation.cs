namespace Kubeguard.PromAudit.Http;

/// <summary>What the server's TLS certificate said, when the connection used TLS.</summary>
public sealed class TlsObservation
{
    /// <summary>Certificate subject.</summary>
    public string? Subject { get; set; }

    /// <summary>Certificate expiry (UTC).</summary>
    public DateTime? NotAfter { get; set; }
}
