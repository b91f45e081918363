namespace Kubeguard.SupplyChain.Verification;

/// <summary>Why an image, or one signature of it, did or did not verify. Stable: reports and exit codes use these names.</summary>
public enum Reason
{
    /// <summary>Verified with the required keys and attestations.</summary>
    Verified,

    /// <summary>No signature (or no attestation) was found for the digest.</summary>
#pragma warning disable CA1720 // "unsigned" is the domain word for an image without signatures
    Unsigned,
#pragma warning restore CA1720

    /// <summary>A signature was found, but no configured key verifies it over the signed bytes.</summary>
    InvalidSignature,

    /// <summary>The signature verifies, but the signed payload names another image digest (or no matching subject).</summary>
    WrongDigest,

    /// <summary>The signatures name keys the policy does not hold, or fewer distinct keys than the threshold verified.</summary>
    NoMatchingKey,

    /// <summary>A required attestation predicate type has no verified attestation.</summary>
    MissingAttestation,

    /// <summary>The reference is invalid, or the tag or repository does not exist.</summary>
    Unresolvable,

    /// <summary>The registry answered with an error (authentication, server error, malformed content).</summary>
    RegistryError,

    /// <summary>The registry did not answer within the timeout.</summary>
    Timeout,

    /// <summary>No policy rule matches the image, and the policy denies unmatched images.</summary>
    NoMatchingRule,

    /// <summary>No policy rule matches the image, and the policy allows (or warns about) unmatched images.</summary>
    NotRequired,
}

/// <summary>The wire names of <see cref="Reason"/>.</summary>
public static class Reasons
{
    /// <summary>The lower-case, hyphenated name used in reports: <c>invalid-signature</c>, <c>wrong-digest</c>, …</summary>
    public static string ToWireString(this Reason reason) => reason switch
    {
        Reason.Verified => "verified",
        Reason.Unsigned => "unsigned",
        Reason.InvalidSignature => "invalid-signature",
        Reason.WrongDigest => "wrong-digest",
        Reason.NoMatchingKey => "no-matching-key",
        Reason.MissingAttestation => "missing-attestation",
        Reason.Unresolvable => "unresolvable",
        Reason.RegistryError => "registry-error",
        Reason.Timeout => "timeout",
        Reason.NoMatchingRule => "no-matching-rule",
        Reason.NotRequired => "not-required",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
