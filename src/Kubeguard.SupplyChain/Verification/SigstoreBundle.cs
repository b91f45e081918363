using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// A Sigstore bundle (v0.1–v0.3, protobuf JSON mapping), keyed: either a DSSE envelope (what
/// cosign v3 writes for images and attestations) or a message signature over an artifact
/// digest. The <c>publicKey.hint</c> is advisory; keys come from the policy only.
/// </summary>
/// <param name="MediaType">The bundle's <c>mediaType</c>.</param>
/// <param name="PublicKeyHint">The <c>verificationMaterial.publicKey.hint</c>, or null.</param>
/// <param name="Envelope">The <c>dsseEnvelope</c>, or null.</param>
/// <param name="MessageDigest">The <c>messageSignature.messageDigest</c> (SHA2_256 bytes), or null.</param>
/// <param name="MessageSignatureBytes">The decoded <c>messageSignature.signature</c>, or null.</param>
/// <param name="HasTransparencyLogEntries">Whether <c>tlogEntries</c> is non-empty (not checked in keyed mode).</param>
public sealed record SigstoreBundle(
    string MediaType,
    string? PublicKeyHint,
    DsseEnvelope? Envelope,
    ReadOnlyMemory<byte>? MessageDigest,
    ReadOnlyMemory<byte>? MessageSignatureBytes,
    bool HasTransparencyLogEntries)
{
    /// <summary>The v0.3 bundle media type (also the referrer artifact type cosign writes).</summary>
    public const string MediaTypeV03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>The prefix every bundle media type shares.</summary>
    public const string MediaTypePrefix = "application/vnd.dev.sigstore.bundle";

    /// <summary>Parses bundle JSON bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out SigstoreBundle? bundle, [NotNullWhen(false)] out string? error)
    {
        bundle = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var mediaType = Json.String(root, "mediaType");
            if (mediaType is null || !mediaType.StartsWith(MediaTypePrefix, StringComparison.Ordinal))
            {
                error = $"not a Sigstore bundle (mediaType \"{mediaType}\")";
                return false;
            }

            var material = Json.Object(root, "verificationMaterial");
            var hint = material is { } m && Json.Object(m, "publicKey") is { } pk ? Json.String(pk, "hint") : null;
            var tlog = material is { } mm && mm.TryGetProperty("tlogEntries", out var entries)
                && entries.ValueKind == JsonValueKind.Array && entries.GetArrayLength() > 0;

            DsseEnvelope? envelope = null;
            if (Json.Object(root, "dsseEnvelope") is { } dsse)
            {
                if (!Dsse.TryParse(dsse, out envelope, out error))
                {
                    return false;
                }
            }

            byte[]? messageDigest = null;
            byte[]? messageSignature = null;
            if (Json.Object(root, "messageSignature") is { } message)
            {
                messageSignature = Base64.TryDecode(Json.String(message, "signature"));
                if (Json.Object(message, "messageDigest") is { } md)
                {
                    var algorithm = Json.String(md, "algorithm");
                    if (algorithm != "SHA2_256")
                    {
                        error = $"bundle message digest algorithm \"{algorithm}\" is not supported (SHA2_256 only)";
                        return false;
                    }

                    messageDigest = Base64.TryDecode(Json.String(md, "digest"));
                }
            }

            if (envelope is null && messageSignature is null)
            {
                error = "bundle has neither a dsseEnvelope nor a messageSignature";
                return false;
            }

            bundle = new SigstoreBundle(mediaType, hint, envelope, messageDigest, messageSignature, tlog);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"bundle is not JSON ({ex.Message})";
            return false;
        }
    }

    /// <summary>
    /// Verifies the bundle's DSSE envelope as a statement about <paramref name="imageDigest"/>
    /// (see <see cref="Dsse.Verify"/>). A message-signature bundle does not name an image and fails.
    /// </summary>
    public SignatureCheck VerifyStatement(IReadOnlyList<VerificationKey> keys, Digest imageDigest) =>
        Envelope is null
            ? SignatureCheck.Fail(Reason.WrongDigest, "bundle holds a message signature, not a statement about the image")
            : Dsse.Verify(Envelope, keys, imageDigest, PublicKeyHint);

    /// <summary>
    /// Verifies a message-signature bundle over <paramref name="artifact"/>: the bundle's message
    /// digest must equal sha256 of the artifact, and a configured key must verify the signature
    /// over the artifact.
    /// </summary>
    public SignatureCheck VerifyArtifact(ReadOnlySpan<byte> artifact, IReadOnlyList<VerificationKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (MessageSignatureBytes is not { } signature)
        {
            return SignatureCheck.Fail(Reason.Unsigned, "bundle has no message signature");
        }

        var actual = SHA256.HashData(artifact);
        if (MessageDigest is { } claimed && !claimed.Span.SequenceEqual(actual))
        {
            return SignatureCheck.Fail(Reason.WrongDigest, $"bundle message digest does not match the artifact (sha256 {Convert.ToHexStringLower(actual)})");
        }

        if (KeySet.FirstVerifying(keys, artifact, signature.Span) is { } key)
        {
            return new SignatureCheck(Reason.Verified, $"message signature over sha256:{Convert.ToHexStringLower(actual)} signed by \"{key.Name}\"", key.Name);
        }

        return PublicKeyHint is not null && keys.All(k => k.Hint != PublicKeyHint)
            ? SignatureCheck.Fail(Reason.NoMatchingKey, $"signed by a key the policy does not hold (hint {PublicKeyHint}); configured: {KeySet.Names(keys)}")
            : SignatureCheck.Fail(Reason.InvalidSignature, $"message signature does not verify over the artifact with {KeySet.Names(keys)}");
    }
}
