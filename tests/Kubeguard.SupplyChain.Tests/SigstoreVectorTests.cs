using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// Every vector in <c>../shared/fixtures/sigstore</c> (made by real cosign / Sigstore tooling)
/// verified byte for byte: the folder's <c>expected.json</c> carries the verdict, and every
/// tampered copy must fail with the cause its expectation names.
/// </summary>
public sealed class SigstoreVectorTests
{
    public static IEnumerable<object[]> Folders() => SigstoreFixtures.Folders();

    [Theory]
    [MemberData(nameof(Folders))]
    public void Each_vector_gets_the_verdict_and_cause_its_expected_json_names(string folder)
    {
        if (!SigstoreFixtures.Available)
        {
            Assert.False(SigstoreFixtures.RequiredByCi, $"CI=true but the sigstore fixtures are missing at {SigstoreFixtures.Root}");
            return;
        }

        using var expected = JsonDocument.Parse(File.ReadAllText(SigstoreFixtures.PathOf(folder, "expected.json")));
        var e = expected.RootElement;
        var key = VerificationKey.FromPem("fixture", File.ReadAllText(SigstoreFixtures.PathOf(folder, "cosign.pub")));
        var check = e.GetProperty("kind").GetString() switch
        {
            "cosign-simple-signing" => SimpleSigningCheck(folder, e, key),
            "dsse-in-toto" => DsseCheck(folder, e, key),
            "sigstore-bundle-message-signature" => BundleCheck(folder, e, key),
            var other => throw new InvalidOperationException($"unknown kind {other}"),
        };

        Assert.Equal(ExpectedReason(e), check.Reason);
        Assert.Equal(e.GetProperty("verdict").GetString() == "valid", check.Verified);
    }

    [Fact]
    public void A_simple_signing_payload_verified_against_another_image_digest_is_a_wrong_digest()
    {
        RequireFixtures();
        var folder = "sigstore-rs-simplesigning-busybox";
        var key = Key(folder);
        var other = Digest.Of("another image"u8);
        var check = SimpleSigning.Verify(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "payload.json")), File.ReadAllText(SigstoreFixtures.PathOf(folder, "signature.b64")), [key], other);
        Assert.Equal(Reason.WrongDigest, check.Reason);
        Assert.Contains(other.ToString(), check.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sigstore-rs-simplesigning-busybox", "kubewarden-simplesigning-busybox")]
    [InlineData("kubewarden-simplesigning-busybox", "sigstore-rs-simplesigning-busybox")]
    public void A_simple_signing_signature_checked_with_the_other_vectors_key_does_not_verify(string signatureFolder, string keyFolder)
    {
        RequireFixtures();
        var check = SimpleSigning.Verify(
            File.ReadAllBytes(SigstoreFixtures.PathOf(signatureFolder, "payload.json")),
            File.ReadAllText(SigstoreFixtures.PathOf(signatureFolder, "signature.b64")),
            [Key(keyFolder)],
            Digest.Parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b"));
        Assert.Equal(Reason.InvalidSignature, check.Reason);
    }

    [Fact]
    public void A_simple_signing_signature_verifies_when_its_key_is_one_of_several_and_names_that_key()
    {
        RequireFixtures();
        var first = VerificationKey.FromPem("other", File.ReadAllText(SigstoreFixtures.PathOf("cosign-dsse-slsa-blob", "cosign.pub")));
        var right = VerificationKey.FromPem("right", File.ReadAllText(SigstoreFixtures.PathOf("kubewarden-simplesigning-busybox", "cosign.pub")));
        var check = SimpleSigning.Verify(
            File.ReadAllBytes(SigstoreFixtures.PathOf("kubewarden-simplesigning-busybox", "payload.json")),
            File.ReadAllText(SigstoreFixtures.PathOf("kubewarden-simplesigning-busybox", "signature.b64")),
            [first, right],
            Digest.Parse("sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b"));
        Assert.True(check.Verified);
        Assert.Equal("right", check.KeyName);
    }

    [Fact]
    public void A_dsse_signature_over_the_bare_statement_without_pae_does_not_verify()
    {
        RequireFixtures();
        var folder = "cosign-dsse-slsa-blob";
        Assert.True(Dsse.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "envelope.json")), out var envelope, out _));
        var key = Key(folder);
        Assert.True(key.Verify(Dsse.Pae(envelope.PayloadType, envelope.Body.Span), envelope.Signatures[0].Signature));
        Assert.False(key.Verify(envelope.Body.Span, envelope.Signatures[0].Signature));
    }

    [Fact]
    public void A_dsse_statement_checked_against_another_blob_digest_is_a_wrong_digest()
    {
        RequireFixtures();
        var folder = "cosign-dsse-slsa-blob";
        Assert.True(Dsse.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "envelope.json")), out var envelope, out _));
        var check = Dsse.Verify(envelope, [Key(folder)], Digest.Parse("sha256:876ed8158d1de0f20e4698c6a4fa53d0a6acaf46be4957b066b37b23eae925bf"));
        Assert.Equal(Reason.WrongDigest, check.Reason);
        Assert.Equal("https://slsa.dev/provenance/v0.2", check.PredicateType);
    }

    [Fact]
    public void A_dsse_envelope_with_another_payload_type_is_rejected_even_when_the_signature_verifies()
    {
        RequireFixtures();
        var folder = "cosign-dsse-slsa-blob";
        Assert.True(Dsse.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "envelope.json")), out var envelope, out _));
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = VerificationKey.FromPem("mine", signer.ExportSubjectPublicKeyInfoPem());
        var relabelled = envelope with { PayloadType = "text/plain" };
        var sig = signer.SignData(Dsse.Pae(relabelled.PayloadType, relabelled.Body.Span), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var check = Dsse.Verify(relabelled with { Signatures = [new DsseSignature("", sig)] }, [key], Digest.Parse("sha256:658781cd4ed9bca60dacd09f7bb914bb51502e8b5d619f57f39a1d652596cc24"));
        Assert.Equal(Reason.WrongDigest, check.Reason);
        Assert.Contains("payload type", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundle_hint_is_sha256_of_the_key_and_a_bundle_checked_with_another_key_names_no_matching_key()
    {
        RequireFixtures();
        var folder = "sigstore-go-bundle-v03-keyed";
        Assert.True(SigstoreBundle.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "bundle.json")), out var bundle, out _));
        Assert.Equal(Key(folder).Hint, bundle.PublicKeyHint);
        Assert.False(bundle.HasTransparencyLogEntries);
        var check = bundle.VerifyArtifact(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "artifact.txt")), [Key("cosign-dsse-slsa-blob")]);
        Assert.Equal(Reason.NoMatchingKey, check.Reason);
    }

    [Fact]
    public void The_original_bundle_paired_with_the_tampered_artifact_is_a_wrong_digest()
    {
        RequireFixtures();
        Assert.True(SigstoreBundle.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf("sigstore-go-bundle-v03-keyed", "bundle.json")), out var bundle, out _));
        var check = bundle.VerifyArtifact(File.ReadAllBytes(SigstoreFixtures.PathOf("sigstore-go-bundle-v03-keyed-tampered", "artifact.txt")), [Key("sigstore-go-bundle-v03-keyed")]);
        Assert.Equal(Reason.WrongDigest, check.Reason);
    }

    [Fact]
    public void The_bundle_message_digest_verifies_as_a_prehash_with_the_same_signature()
    {
        RequireFixtures();
        Assert.True(SigstoreBundle.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf("sigstore-go-bundle-v03-keyed", "bundle.json")), out var bundle, out _));
        Assert.True(Key("sigstore-go-bundle-v03-keyed").VerifyHash(bundle.MessageDigest!.Value.Span, bundle.MessageSignatureBytes!.Value.Span));
    }

    private static void RequireFixtures() =>
        Assert.True(SigstoreFixtures.Available, $"the sigstore fixtures are missing at {SigstoreFixtures.Root}");

    private static VerificationKey Key(string folder) =>
        VerificationKey.FromPem(folder, File.ReadAllText(SigstoreFixtures.PathOf(folder, "cosign.pub")));

    private static Reason ExpectedReason(JsonElement e)
    {
        if (e.GetProperty("signature").GetString() == "invalid")
        {
            return Reason.InvalidSignature;
        }

        return e.TryGetProperty("claims", out var claims) && claims.GetString() == "invalid" ? Reason.WrongDigest : Reason.Verified;
    }

    private static SignatureCheck SimpleSigningCheck(string folder, JsonElement e, VerificationKey key)
    {
        var payload = File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "payload.json"));
        Assert.Equal(e.GetProperty("payloadSize").GetInt32(), payload.Length);
        Assert.Equal(e.GetProperty("payloadDigest").GetString(), Digest.Of(payload).ToString());
        return SimpleSigning.Verify(payload, File.ReadAllText(SigstoreFixtures.PathOf(folder, "signature.b64")), [key], Digest.Parse(e.GetProperty("imageDigest").GetString()!));
    }

    private static SignatureCheck DsseCheck(string folder, JsonElement e, VerificationKey key)
    {
        Assert.True(Dsse.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "envelope.json")), out var envelope, out var error), error);
        Assert.Equal(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "statement.json")), envelope.Body.ToArray());
        var pae = Dsse.Pae(envelope.PayloadType, envelope.Body.Span);
        Assert.StartsWith(e.GetProperty("paeHeader").GetString()!, Encoding.ASCII.GetString(pae), StringComparison.Ordinal);
        Assert.Equal(e.GetProperty("paeSize").GetInt32(), pae.Length);
        Assert.Equal(e.GetProperty("paeSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(pae)));
        var check = Dsse.Verify(envelope, [key], Digest.Parse(e.GetProperty("expectedSubjectDigest").GetString()!));
        if (check.Reason != Reason.InvalidSignature)
        {
            Assert.Equal(e.GetProperty("predicateType").GetString(), check.PredicateType);
        }

        return check;
    }

    private static SignatureCheck BundleCheck(string folder, JsonElement e, VerificationKey key)
    {
        Assert.True(SigstoreBundle.TryParse(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "bundle.json")), out var bundle, out var error), error);
        Assert.Equal(e.GetProperty("mediaType").GetString(), bundle.MediaType);
        Assert.Equal(e.GetProperty("publicKeyHint").GetString(), bundle.PublicKeyHint);
        return bundle.VerifyArtifact(File.ReadAllBytes(SigstoreFixtures.PathOf(folder, "artifact.txt")), [key]);
    }
}
