using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// Legacy cosign signatures: an ECDSA signature (DER, base64 in the layer annotation
/// <c>dev.cosignproject.cosign/signature</c>) over the exact bytes of a "simple signing" JSON
/// payload, which must name the image's manifest digest and the cosign signature type.
/// </summary>
public static class SimpleSigning
{
    /// <summary>The layer media type of a simple-signing payload.</summary>
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    /// <summary>The layer annotation that carries the base64 signature.</summary>
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    /// <summary>The only accepted <c>critical.type</c>.</summary>
    public const string SignatureType = "cosign container image signature";

    /// <summary>
    /// Verifies <paramref name="signatureBase64"/> over <paramref name="payload"/> (never re-serialised)
    /// with the first configured key that accepts it, then checks the claims: <c>critical.type</c>,
    /// and <c>critical.image.docker-manifest-digest == </c><paramref name="imageDigest"/>.
    /// <c>docker-reference</c> is not checked: images are copied between registries.
    /// </summary>
    public static SignatureCheck Verify(
        ReadOnlySpan<byte> payload,
        string? signatureBase64,
        IReadOnlyList<VerificationKey> keys,
        Digest imageDigest)
    {
        var signature = Base64.TryDecode(signatureBase64);
        if (signature is null)
        {
            return SignatureCheck.Fail(Reason.InvalidSignature, "signature annotation is missing or not base64");
        }

        var key = KeySet.FirstVerifying(keys, payload, signature);
        if (key is null)
        {
            return SignatureCheck.Fail(Reason.InvalidSignature, $"signature does not verify over the payload with {KeySet.Names(keys)}");
        }

        return CheckClaims(payload, key.Name, imageDigest);
    }

    private static SignatureCheck CheckClaims(ReadOnlySpan<byte> payload, string keyName, Digest imageDigest)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("critical", out var critical) || critical.ValueKind != JsonValueKind.Object)
            {
                return SignatureCheck.Fail(Reason.WrongDigest, "signed payload has no \"critical\" section", keyName);
            }

            var type = critical.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != SignatureType)
            {
                return SignatureCheck.Fail(Reason.WrongDigest, $"signed payload has critical.type \"{type}\", expected \"{SignatureType}\"", keyName);
            }

            var named = critical.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object
                && image.TryGetProperty("docker-manifest-digest", out var d) && d.ValueKind == JsonValueKind.String
                ? d.GetString()
                : null;
            if (named != imageDigest.ToString())
            {
                return SignatureCheck.Fail(Reason.WrongDigest, $"signed payload names digest \"{named}\", not {imageDigest}", keyName);
            }


            return new SignatureCheck(Reason.Verified, $"simple-signing payload for {imageDigest} signed by \"{keyName}\"", keyName);
        }
        catch (JsonException ex)
        {
            return SignatureCheck.Fail(Reason.WrongDigest, $"signed payload is not JSON ({ex.Message})", keyName);
        }
    }
}
