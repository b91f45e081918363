using System.Security.Cryptography;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// A named public key the user holds: ECDSA P-256, verified with SHA-256 over DER
/// (<c>SEQUENCE { r, s }</c>) signatures, as <c>cosign generate-key-pair</c> makes them.
/// Keys only ever come from the user's policy, never from a signature or bundle.
/// </summary>
public sealed class VerificationKey
{
    private readonly byte[] _subjectPublicKeyInfo;

    private VerificationKey(string name, byte[] subjectPublicKeyInfo)
    {
        Name = name;
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        Hint = Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo));
    }

    /// <summary>The name the policy gives the key; results report it.</summary>
    public string Name { get; }

    /// <summary>Standard base64 of SHA-256 over the DER SubjectPublicKeyInfo: the Sigstore bundle <c>publicKey.hint</c> form.</summary>
    public string Hint { get; }

    /// <summary>Reads a PEM <c>PUBLIC KEY</c>; the error says why a key is refused.</summary>
    public static bool TryFromPem(string name, string pem, out VerificationKey? key, out string? error)
    {
        key = null;
        error = null;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                error = $"key \"{name}\": only ECDSA P-256 public keys are supported";
                return false;
            }

            key = new VerificationKey(name, ecdsa.ExportSubjectPublicKeyInfo());
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            error = $"key \"{name}\": not a PEM ECDSA P-256 public key ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    /// <summary>Reads a PEM <c>PUBLIC KEY</c>, throwing <see cref="FormatException"/> with the reason.</summary>
    public static VerificationKey FromPem(string name, string pem) =>
        TryFromPem(name, pem, out var key, out var error) ? key! : throw new FormatException(error);

    /// <summary>True when <paramref name="derSignature"/> is this key's ECDSA signature over SHA-256 of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> derSignature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdsa.VerifyData(data, derSignature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>True when <paramref name="derSignature"/> is this key's ECDSA signature over the 32-byte SHA-256 digest <paramref name="hash"/>.</summary>
    public bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> derSignature)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdsa.VerifyHash(hash, derSignature, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
