using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// The verdict for one image reference: the digest it was resolved to (once), the rule that
/// applied, whether it passed and why, the keys that verified it, and every signature or
/// attestation looked at. The transparency log is never checked in keyed mode.
/// </summary>
/// <param name="Reference">The reference as written.</param>
/// <param name="Image">The parsed reference, or null when it does not parse.</param>
/// <param name="Digest">The digest verified (the written one, or the tag's at resolution time).</param>
/// <param name="Rule">The rule that applied, or null when none matched.</param>
/// <param name="Reason">The outcome.</param>
/// <param name="Detail">A sentence that explains the outcome.</param>
/// <param name="VerifiedBy">The names of the keys whose signatures verified.</param>
/// <param name="Evidence">Every signature and attestation checked.</param>
public sealed record ImageVerification(
    string Reference,
    ImageReference? Image,
    Digest? Digest,
    string? Rule,
    Reason Reason,
    string Detail,
    IReadOnlyList<string> VerifiedBy,
    IReadOnlyList<SignatureCheck> Evidence)
{
    /// <summary>True when the image verified, or no rule requires anything of it.</summary>
    public bool Passed => Reason is Reason.Verified or Reason.NotRequired;

    /// <summary>True when the image passed only because the policy warns about unmatched images.</summary>
    public bool Warning { get; init; }

    /// <summary>True when the digest came from resolving a tag (not written in the reference).</summary>
    public bool ResolvedFromTag => Image is not null && Image.Digest is null && Digest is not null;

    /// <summary>The reference pinned to the verified digest (<c>repo:tag@sha256:…</c>), or null.</summary>
    public string? Pinned => Image is not null && Digest is { } digest ? Image.PinnedTo(digest) : null;

    /// <summary>Always <c>not checked</c>: keyed verification does not consult a transparency log.</summary>
    public static string TransparencyLog => "not checked";
}
