using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>The public key algorithms Kubeguard verifies with, all from the platform's own crypto.</summary>
public enum KeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 with SHA-256 (the <c>cosign generate-key-pair</c> default).</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384: SHA-384 (cosign 3.1.3 and later) or SHA-256 (earlier cosign).</summary>
    EcdsaP384,

    /// <summary>ECDSA on NIST P-521: SHA-512 (cosign 3.1.3 and later) or SHA-256 (earlier cosign).</summary>
    EcdsaP521,

    /// <summary>RSA, 2048 bits or more, SHA-256 with PKCS#1 v1.5 (cosign's default) or PSS (salt as long as the hash).</summary>
    Rsa,
}

/// <summary>
/// A named public key the user holds. ECDSA signatures are DER (<c>SEQUENCE { r, s }</c>), as
/// cosign writes them; the scheme is not recorded in a signature, so it follows from the key.
/// Keys only ever come from the user's policy, never from a signature or bundle.
/// </summary>
public sealed class VerificationKey
{
    /// <summary>The smallest RSA modulus accepted, in bits.</summary>
    public const int MinimumRsaBits = 2048;

    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    private const string RsaPssOid = "1.2.840.113549.1.1.10";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";
    private const string DsaOid = "1.2.840.10040.4.1";

    private readonly byte[] _subjectPublicKeyInfo;

    private VerificationKey(string name, KeyAlgorithm algorithm, byte[] subjectPublicKeyInfo)
    {
        Name = name;
        Algorithm = algorithm;
        _subjectPublicKeyInfo = subjectPublicKeyInfo;
        Hint = Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo));
    }

    /// <summary>The name the policy gives the key; results report it.</summary>
    public string Name { get; }

    /// <summary>The key's algorithm, which decides how signatures are checked.</summary>
    public KeyAlgorithm Algorithm { get; }

    /// <summary>Standard base64 of SHA-256 over the DER SubjectPublicKeyInfo: the Sigstore bundle <c>publicKey.hint</c> form.</summary>
    public string Hint { get; }

    /// <summary>
    /// Reads a PEM <c>PUBLIC KEY</c> (SubjectPublicKeyInfo; <c>RSA PUBLIC KEY</c> too): ECDSA
    /// P-256, P-384 or P-521, or RSA of at least <see cref="MinimumRsaBits"/> bits. The error says
    /// why any other key is refused.
    /// </summary>
    public static bool TryFromPem(string name, string pem, out VerificationKey? key, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pem);
        key = null;
        error = null;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = $"key \"{name}\": not a PEM public key (no -----BEGIN …----- block)";
            return false;
        }

        var label = pem[fields.Label];
        try
        {
            if (label == "RSA PUBLIC KEY")
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                return TryRsa(name, rsa, out key, out error);
            }

            if (label != "PUBLIC KEY")
            {
                error = $"key \"{name}\": a PEM \"{label}\" block is not a public key; give the PUBLIC KEY file (cosign.pub)";
                return false;
            }

            var der = Convert.FromBase64String(pem[fields.Base64Data]);
            return AlgorithmOid(der) switch
            {
                EcPublicKeyOid => TryEcdsa(name, pem, out key, out error),
                RsaEncryptionOid => TryRsaPem(name, pem, out key, out error),
                RsaPssOid => Refuse(name, "RSASSA-PSS-only (id-RSASSA-PSS) keys are not supported; export the key as rsaEncryption", out key, out error),
                Ed25519Oid => Refuse(name, "Ed25519 keys are not supported; use an ECDSA (P-256, P-384, P-521) or RSA key", out key, out error),
                Ed448Oid => Refuse(name, "Ed448 keys are not supported; use an ECDSA (P-256, P-384, P-521) or RSA key", out key, out error),
                DsaOid => Refuse(name, "DSA keys are not supported; use an ECDSA (P-256, P-384, P-521) or RSA key", out key, out error),
                var other => Refuse(name, $"key algorithm {other} is not supported; use an ECDSA (P-256, P-384, P-521) or RSA key", out key, out error),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException or FormatException or AsnContentException)
        {
            error = $"key \"{name}\": not a valid PEM public key ({ex.Message.TrimEnd('.')})";
            return false;
        }
    }

    /// <summary>Reads a PEM public key, throwing <see cref="FormatException"/> with the reason.</summary>
    public static VerificationKey FromPem(string name, string pem) =>
        TryFromPem(name, pem, out var key, out var error) ? key! : throw new FormatException(error);

    /// <summary>True when <paramref name="signature"/> is this key's signature over <paramref name="data"/> (see <see cref="KeyAlgorithm"/> for the hashes tried).</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (Algorithm == KeyAlgorithm.Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                || rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return (CurveHash(Algorithm) is { } curveHash && ecdsa.VerifyData(data, signature, curveHash, DSASignatureFormat.Rfc3279DerSequence))
            || ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>True when <paramref name="signature"/> is this key's signature over the 32-byte SHA-256 digest <paramref name="hash"/>.</summary>
    public bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        if (Algorithm == KeyAlgorithm.Rsa)
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
            return hash.Length == SHA256.HashSizeInBytes
                && (rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                    || rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        }

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(_subjectPublicKeyInfo, out _);
        return ecdsa.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static HashAlgorithmName? CurveHash(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP384 => HashAlgorithmName.SHA384,
        KeyAlgorithm.EcdsaP521 => HashAlgorithmName.SHA512,
        _ => null,
    };

    private static string AlgorithmOid(byte[] subjectPublicKeyInfo)
    {
        var spki = new AsnReader(subjectPublicKeyInfo, AsnEncodingRules.DER).ReadSequence();
        return spki.ReadSequence().ReadObjectIdentifier();
    }

    private static bool TryEcdsa(string name, string pem, out VerificationKey? key, out string? error)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var curve = ecdsa.ExportParameters(includePrivateParameters: false).Curve;
        KeyAlgorithm? algorithm = curve.Oid?.Value switch
        {
            var oid when oid == ECCurve.NamedCurves.nistP256.Oid.Value => KeyAlgorithm.EcdsaP256,
            var oid when oid == ECCurve.NamedCurves.nistP384.Oid.Value => KeyAlgorithm.EcdsaP384,
            var oid when oid == ECCurve.NamedCurves.nistP521.Oid.Value => KeyAlgorithm.EcdsaP521,
            _ => null,
        };
        if (algorithm is not { } known)
        {
            var curveName = curve.Oid?.FriendlyName ?? curve.Oid?.Value ?? "an explicit curve";
            return Refuse(name, $"ECDSA curve {curveName} is not supported; use P-256, P-384 or P-521", out key, out error);
        }

        key = new VerificationKey(name, known, ecdsa.ExportSubjectPublicKeyInfo());
        error = null;
        return true;
    }

    private static bool TryRsaPem(string name, string pem, out VerificationKey? key, out string? error)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return TryRsa(name, rsa, out key, out error);
    }

    private static bool TryRsa(string name, RSA rsa, out VerificationKey? key, out string? error)
    {
        if (rsa.KeySize < MinimumRsaBits)
        {
            return Refuse(name, $"RSA key of {rsa.KeySize} bits is too small; at least {MinimumRsaBits} bits are required", out key, out error);
        }

        key = new VerificationKey(name, KeyAlgorithm.Rsa, rsa.ExportSubjectPublicKeyInfo());
        error = null;
        return true;
    }

    private static bool Refuse(string name, string reason, out VerificationKey? key, out string? error)
    {
        key = null;
        error = $"key \"{name}\": {reason}";
        return false;
    }
}
