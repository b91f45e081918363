using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>One signature of a DSSE envelope; <c>keyid</c> is advisory and usually empty.</summary>
/// <param name="KeyId">The key id as written, or null.</param>
/// <param name="Signature">The decoded DER signature, or null when <c>sig</c> is not base64.</param>
public sealed record DsseSignature(string? KeyId, byte[]? Signature);

/// <summary>A parsed DSSE envelope: the payload type, the decoded body bytes and the signatures.</summary>
/// <param name="PayloadType">The <c>payloadType</c>.</param>
/// <param name="Body">The base64-decoded <c>payload</c>: the bytes that are signed (through PAE).</param>
/// <param name="Signatures">The signatures.</param>
public sealed record DsseEnvelope(string PayloadType, ReadOnlyMemory<byte> Body, IReadOnlyList<DsseSignature> Signatures);

/// <summary>
/// DSSE (Dead Simple Signing Envelope) as cosign uses it for attestations and bundles: ECDSA over
/// the pre-authentication encoding (PAE) of the payload type and body, with an in-toto statement
/// as the body whose subject must carry the image digest.
/// </summary>
public static class Dsse
{
    /// <summary>The layer media type of a DSSE envelope in a legacy <c>.att</c> manifest.</summary>
    public const string EnvelopeMediaType = "application/vnd.dsse.envelope.v1+json";

    /// <summary>The only accepted payload type.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>
    /// The bytes a DSSE signature covers: <c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>,
    /// lengths in ASCII decimal bytes.
    /// </summary>
    public static byte[] Pae(string payloadType, ReadOnlySpan<byte> body)
    {
        var typeBytes = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {typeBytes.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {body.Length} "));
        var pae = new byte[header.Length + typeBytes.Length + middle.Length + body.Length];
        header.CopyTo(pae, 0);
        typeBytes.CopyTo(pae, header.Length);
        middle.CopyTo(pae, header.Length + typeBytes.Length);
        body.CopyTo(pae.AsSpan(header.Length + typeBytes.Length + middle.Length));
        return pae;
    }

    /// <summary>Parses envelope JSON bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out DsseEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        envelope = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            return TryParse(document.RootElement, out envelope, out error);
        }
        catch (JsonException ex)
        {
            error = $"DSSE envelope is not JSON ({ex.Message})";
            return false;
        }
    }

    internal static bool TryParse(JsonElement root, [NotNullWhen(true)] out DsseEnvelope? envelope, [NotNullWhen(false)] out string? error)
    {
        envelope = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "DSSE envelope is not a JSON object";
            return false;
        }

        var payloadType = Json.String(root, "payloadType");
        var body = Base64.TryDecode(Json.String(root, "payload"));
        if (payloadType is null || body is null)
        {
            error = "DSSE envelope lacks payloadType or a base64 payload";
            return false;
        }

        var signatures = new List<DsseSignature>();
        if (root.TryGetProperty("signatures", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                signatures.Add(new DsseSignature(Json.String(item, "keyid"), Base64.TryDecode(Json.String(item, "sig"))));
            }
        }

        envelope = new DsseEnvelope(payloadType, body, signatures);
        error = null;
        return true;
    }

    /// <summary>
    /// Verifies the envelope with the configured keys over its PAE, then checks that the body is
    /// an in-toto statement with a subject whose sha256 is <paramref name="subjectDigest"/>.
    /// </summary>
    public static SignatureCheck Verify(DsseEnvelope envelope, IReadOnlyList<VerificationKey> keys, Digest subjectDigest, string? publicKeyHint = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(keys);
        var pae = Pae(envelope.PayloadType, envelope.Body.Span);
        VerificationKey? verifiedBy = null;
        foreach (var signature in envelope.Signatures)
        {
            if (signature.Signature is { } bytes && KeySet.FirstVerifying(keys, pae, bytes) is { } key)
            {
                verifiedBy = key;
                break;
            }
        }

        if (verifiedBy is null)
        {
            if (envelope.Signatures.Count == 0)
            {
                return SignatureCheck.Fail(Reason.Unsigned, "DSSE envelope has no signatures");
            }

            if (publicKeyHint is not null && keys.All(k => k.Hint != publicKeyHint))
            {
                return SignatureCheck.Fail(Reason.NoMatchingKey, $"signed by a key the policy does not hold (hint {publicKeyHint}); configured: {KeySet.Names(keys)}");
            }

            return SignatureCheck.Fail(Reason.InvalidSignature, $"DSSE signature does not verify over the PAE with {KeySet.Names(keys)}");
        }

        if (envelope.PayloadType != InTotoPayloadType)
        {
            return SignatureCheck.Fail(Reason.WrongDigest, $"DSSE payload type is \"{envelope.PayloadType}\", expected \"{InTotoPayloadType}\"", verifiedBy.Name);
        }

        if (!InTotoStatement.TryParse(envelope.Body.Span, out var statement, out var error))
        {
            return SignatureCheck.Fail(Reason.WrongDigest, error, verifiedBy.Name);
        }

        if (!statement.HasSubject(subjectDigest))
        {
            var why = statement.Subjects.Count == 0 ? "the statement has no subjects" : $"no subject of the statement has sha256 {subjectDigest.Hex}";
            return SignatureCheck.Fail(Reason.WrongDigest, why, verifiedBy.Name, statement.PredicateType);
        }

        return new SignatureCheck(Reason.Verified, $"in-toto statement ({statement.PredicateType}) for {subjectDigest} signed by \"{verifiedBy.Name}\"", verifiedBy.Name, statement.PredicateType);
    }
}
