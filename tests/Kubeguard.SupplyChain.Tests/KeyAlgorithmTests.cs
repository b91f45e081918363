using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// Keys beyond ECDSA P-256, as cosign accepts them: P-384 and P-521 (curve-matched hash since
/// cosign 3.1.3, SHA-256 before), RSA with PKCS#1 v1.5 or PSS over SHA-256; anything else is
/// refused with the reason. The signatures come from the platform and from the openssl command
/// line, so signer and verifier cannot share a mistake.
/// </summary>
public sealed class KeyAlgorithmTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"critical":{"type":"cosign container image signature"},"optional":null}""");

    public static TheoryData<string, string> EcdsaCurves => new()
    {
        { "nistP384", "SHA384" },
        { "nistP384", "SHA256" },
        { "nistP521", "SHA512" },
        { "nistP521", "SHA256" },
        { "nistP256", "SHA256" },
    };

    [Theory]
    [MemberData(nameof(EcdsaCurves))]
    public void An_ecdsa_signature_verifies_with_the_hash_cosign_uses_for_the_curve_and_fails_over_changed_bytes(string curve, string hash)
    {
        using var signer = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var key = VerificationKey.FromPem("k", signer.ExportSubjectPublicKeyInfoPem());
        var signature = signer.SignData(Payload, new HashAlgorithmName(hash), DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(key.Verify(Payload, signature));
        Assert.False(key.Verify(Tampered(Payload), signature));
    }

    [Fact]
    public void The_algorithm_of_each_supported_key_is_named()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var rsa = RSA.Create(3072);
        Assert.Equal(KeyAlgorithm.EcdsaP384, VerificationKey.FromPem("a", p384.ExportSubjectPublicKeyInfoPem()).Algorithm);
        Assert.Equal(KeyAlgorithm.EcdsaP521, VerificationKey.FromPem("b", p521.ExportSubjectPublicKeyInfoPem()).Algorithm);
        Assert.Equal(KeyAlgorithm.Rsa, VerificationKey.FromPem("c", rsa.ExportSubjectPublicKeyInfoPem()).Algorithm);
        Assert.Equal(KeyAlgorithm.Rsa, VerificationKey.FromPem("d", rsa.ExportRSAPublicKeyPem()).Algorithm);
    }

    [Theory]
    [InlineData("Pkcs1")]
    [InlineData("Pss")]
    public void An_rsa_signature_over_sha256_verifies_with_either_padding_and_fails_over_changed_bytes(string padding)
    {
        using var signer = RSA.Create(2048);
        var key = VerificationKey.FromPem("rsa", signer.ExportSubjectPublicKeyInfoPem());
        var signature = signer.SignData(Payload, HashAlgorithmName.SHA256, padding == "Pss" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);

        Assert.True(key.Verify(Payload, signature));
        Assert.False(key.Verify(Tampered(Payload), signature));
        Assert.True(key.VerifyHash(SHA256.HashData(Payload), signature));
    }

    [Fact]
    public void An_rsa_signature_does_not_verify_with_another_rsa_key()
    {
        using var signer = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var key = VerificationKey.FromPem("other", other.ExportSubjectPublicKeyInfoPem());
        Assert.False(key.Verify(Payload, signer.SignData(Payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    [Fact]
    public void A_p384_signature_does_not_verify_as_rsa_or_p256_and_an_rsa_signature_is_no_ecdsa_signature()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        var rsaKey = VerificationKey.FromPem("rsa", rsa.ExportSubjectPublicKeyInfoPem());
        var p384Key = VerificationKey.FromPem("p384", p384.ExportSubjectPublicKeyInfoPem());
        Assert.False(rsaKey.Verify(Payload, p384.SignData(Payload, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence)));
        Assert.False(p384Key.Verify(Payload, rsa.SignData(Payload, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    [Fact]
    public void A_small_rsa_key_is_refused_with_its_size()
    {
        using var small = RSA.Create(1024);
        Assert.False(VerificationKey.TryFromPem("old", small.ExportSubjectPublicKeyInfoPem(), out var key, out var error));
        Assert.Null(key);
        Assert.Equal("key \"old\": RSA key of 1024 bits is too small; at least 2048 bits are required", error);
    }

    [Fact]
    public void An_ed25519_key_is_refused_by_name()
    {
        // SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 }, BIT STRING (32 bytes) }
        var spki = Convert.FromHexString("302a300506032b6570032100" + new string('7', 64));
        Assert.False(VerificationKey.TryFromPem("edwards", Pem("PUBLIC KEY", spki), out _, out var error));
        Assert.Equal("key \"edwards\": Ed25519 keys are not supported; use an ECDSA (P-256, P-384, P-521) or RSA key", error);
    }

    [Fact]
    public void An_ecdsa_key_on_another_curve_is_refused_with_the_curve()
    {
        // SubjectPublicKeyInfo of an EC key on brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7): the point itself is never read.
        using var brainpool = ECDsa.Create(ECCurve.NamedCurves.brainpoolP256r1);
        Assert.False(VerificationKey.TryFromPem("brain", brainpool.ExportSubjectPublicKeyInfoPem(), out _, out var error));
        Assert.StartsWith("key \"brain\": ECDSA curve ", error, StringComparison.Ordinal);
        Assert.EndsWith(" is not supported; use P-256, P-384 or P-521", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_key_file_is_refused_with_what_to_give_instead()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.False(VerificationKey.TryFromPem("secret", ecdsa.ExportPkcs8PrivateKeyPem(), out _, out var error));
        Assert.Equal("key \"secret\": a PEM \"PRIVATE KEY\" block is not a public key; give the PUBLIC KEY file (cosign.pub)", error);
    }

    [Fact]
    public void Text_without_a_pem_block_is_refused()
    {
        Assert.False(VerificationKey.TryFromPem("junk", "not a key", out _, out var error));
        Assert.Equal("key \"junk\": not a PEM public key (no -----BEGIN …----- block)", error);
    }

    [Fact]
    public void A_corrupt_public_key_block_is_refused_without_throwing()
    {
        Assert.False(VerificationKey.TryFromPem("torn", Pem("PUBLIC KEY", [0x30, 0x03, 0x02, 0x01]), out _, out var error));
        Assert.StartsWith("key \"torn\": not a valid PEM public key (", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rsa:2048", "-sha256", "")]
    [InlineData("rsa:3072", "-sha256", "pss")]
    [InlineData("P-384", "-sha384", "")]
    [InlineData("P-521", "-sha512", "")]
    public async Task A_signature_made_by_the_openssl_command_line_verifies(string keySpec, string digest, string padding)
    {
        var directory = Directory.CreateTempSubdirectory("kubeguard-keys-");
        try
        {
            var keyFile = Path.Combine(directory.FullName, "cosign.key");
            var pubFile = Path.Combine(directory.FullName, "cosign.pub");
            var payloadFile = Path.Combine(directory.FullName, "payload.json");
            var signatureFile = Path.Combine(directory.FullName, "payload.sig");
            await File.WriteAllBytesAsync(payloadFile, Payload);
            var generate = keySpec.StartsWith("rsa:", StringComparison.Ordinal)
                ? new[] { "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + keySpec[4..], "-out", keyFile }
                : ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + keySpec, "-out", keyFile];
            await OpenSslAsync(generate);
            await OpenSslAsync("pkey", "-in", keyFile, "-pubout", "-out", pubFile);
            var sign = new List<string> { "dgst", digest, "-sign", keyFile, "-out", signatureFile };
            if (padding == "pss")
            {
                // .NET verifies PSS with the salt as long as the hash, as sigstore's PSS signer writes it.
                sign.AddRange(["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]);
            }

            sign.Add(payloadFile);
            await OpenSslAsync([.. sign]);

            var key = VerificationKey.FromPem("openssl", await File.ReadAllTextAsync(pubFile));
            var signature = await File.ReadAllBytesAsync(signatureFile);
            Assert.True(key.Verify(Payload, signature));
            Assert.False(key.Verify(Tampered(Payload), signature));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_rsa_signed_dsse_envelope_verifies_as_an_attestation_of_its_subject()
    {
        using var rsa = RSA.Create(2048);
        var key = VerificationKey.FromPem("rsa", rsa.ExportSubjectPublicKeyInfoPem());
        var hex = Convert.ToHexStringLower(SHA256.HashData(Payload));
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", "https://slsa.dev/provenance/v1", hex);
        var sig = rsa.SignData(Dsse.Pae(Dsse.InTotoPayloadType, statement), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var json = $$"""{"payloadType":"{{Dsse.InTotoPayloadType}}","payload":"{{Convert.ToBase64String(statement)}}","signatures":[{"keyid":"","sig":"{{Convert.ToBase64String(sig)}}"}]}""";
        Assert.True(Dsse.TryParse(Encoding.UTF8.GetBytes(json), out var envelope, out _));

        var check = Dsse.Verify(envelope, [key], Kubeguard.Images.Digest.Parse("sha256:" + hex));

        Assert.Equal(Reason.Verified, check.Reason);
        Assert.Equal("rsa", check.KeyName);
    }

    private static byte[] Tampered(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        copy[5] ^= 0x01;
        return copy;
    }

    private static string Pem(string label, byte[] der) => new(PemEncoding.Write(label, der));

    private static async Task OpenSslAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)}: {stderr}");
    }
}
