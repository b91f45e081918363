namespace Kubeguard.SupplyChain.Verification;

/// <summary>The signature formats Kubeguard reads.</summary>
public enum SignatureFormat
{
    /// <summary>Legacy cosign signature: simple-signing payload under the <c>sha256-&lt;hex&gt;.sig</c> tag.</summary>
    LegacySignature,

    /// <summary>Legacy cosign attestation: DSSE envelope under the <c>sha256-&lt;hex&gt;.att</c> tag.</summary>
    LegacyAttestation,

    /// <summary>Sigstore bundle v0.3 stored as an OCI referrer (cosign v3 default).</summary>
    Bundle,
}

/// <summary>
/// The outcome of checking one signature or attestation: verified (with the key that did it), or
/// the reason it did not.
/// </summary>
/// <param name="Reason"><see cref="Reason.Verified"/> or the failure.</param>
/// <param name="Detail">A human sentence: what was checked, or what went wrong.</param>
/// <param name="KeyName">The configured key that verified the signature, when one did.</param>
/// <param name="PredicateType">The in-toto predicate type, for DSSE statements.</param>
public sealed record SignatureCheck(Reason Reason, string Detail, string? KeyName = null, string? PredicateType = null)
{
    /// <summary>True when the signature verified and its claims bind it to the image.</summary>
    public bool Verified => Reason == Reason.Verified;

    /// <summary>The format the signature was read from; set by the caller that found it.</summary>
    public SignatureFormat? Format { get; init; }

    internal static SignatureCheck Fail(Reason reason, string detail, string? keyName = null, string? predicateType = null) =>
        new(reason, detail, keyName, predicateType);
}
