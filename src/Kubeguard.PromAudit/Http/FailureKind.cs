namespace Kubeguard.PromAudit.Http;

/// <summary>Why a request produced no usable answer.</summary>
public enum FailureKind
{
    /// <summary>The request got an HTTP answer.</summary>
    None,

    /// <summary>The request gate refused to send it.</summary>
    Refused,

    /// <summary>The request did not finish within its timeout.</summary>
    Timeout,

    /// <summary>The connection could not be made or broke (refused port, DNS, reset).</summary>
    Connection,

    /// <summary>The TLS handshake failed (untrusted or mismatched certificate, protocol error).</summary>
    Tls,

    /// <summary>The audit's request or time budget is used up.</summary>
    Budget,
}
