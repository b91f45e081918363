using System.Diagnostics;
using System.Net;
using System.Text;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// End to end against a real registry (Debian's docker-registry on 127.0.0.1): the tests push
/// images, legacy signatures, attestations and bundle referrers with plain HTTP calls, signing
/// with keys they generate, then verify through the library.
/// </summary>
public sealed class RealRegistryTests(LocalRegistry registry) : IClassFixture<LocalRegistry>, IDisposable
{
    private const string Slsa = "https://slsa.dev/provenance/v1";
    private readonly HttpRegistryStore _store = new(registry.BaseUri);
    private readonly TestKey _release = new("release");
    private readonly TestKey _ci = new("ci");
    private readonly TestKey _stranger = new("stranger");

    public void Dispose()
    {
        _store.Dispose();
        _release.Dispose();
        _ci.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public async Task A_legacy_cosign_signature_verifies_and_the_pin_names_the_resolved_digest()
    {
        var (repo, image) = await PushImageAsync("legacy");
        await SignLegacyAsync(repo, image.Digest, _release);

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Equal(image.Digest, result.Digest);
        Assert.True(result.ResolvedFromTag);
        Assert.Equal($"{registry.Host}/{repo}:v1@{image.Digest}", result.Pinned);
        Assert.Equal(["release"], result.VerifiedBy);
        Assert.Contains(result.Evidence, e => e.Format == SignatureFormat.LegacySignature && e.Verified);
    }

    [Fact]
    public async Task An_image_without_any_signature_is_unsigned()
    {
        var (repo, _) = await PushImageAsync("unsigned");
        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));
        Assert.Equal(Reason.Unsigned, result.Reason);
        Assert.False(result.Passed);
    }

    [Fact]
    public async Task A_signature_made_by_a_key_the_policy_does_not_hold_is_an_invalid_signature()
    {
        var (repo, image) = await PushImageAsync("stranger");
        await SignLegacyAsync(repo, image.Digest, _stranger);
        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));
        Assert.Equal(Reason.InvalidSignature, result.Reason);
    }

    [Fact]
    public async Task A_valid_signature_copied_from_another_image_is_a_wrong_digest()
    {
        var (repo, image) = await PushImageAsync("copied");
        var (_, other) = await PushImageAsync("copied-other");
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", other.Digest);
        await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, _release.Sign(payload)));

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));

        Assert.Equal(Reason.WrongDigest, result.Reason);
        Assert.Contains(other.Digest.ToString(), result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cosign_v3_bundle_referrer_found_through_the_fallback_tag_index_verifies()
    {
        var (repo, image) = await PushImageAsync("bundle");
        await SignBundleAsync(repo, image, _release, InTotoStatement.CosignSignPredicateType, []);

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Contains(result.Evidence, e => e.Format == SignatureFormat.Bundle && e.Verified && e.PredicateType == InTotoStatement.CosignSignPredicateType);
    }

    [Fact]
    public async Task An_sbom_bundle_signed_by_the_right_key_does_not_count_as_a_signature()
    {
        var (repo, image) = await PushImageAsync("sbom-only");
        await SignBundleAsync(repo, image, _release, "https://spdx.dev/Document", []);

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));

        Assert.Equal(Reason.Unsigned, result.Reason);
        Assert.Contains(result.Evidence, e => e.Verified && e.PredicateType == "https://spdx.dev/Document");
    }

    [Fact]
    public async Task A_threshold_of_two_needs_two_distinct_keys_across_both_formats()
    {
        var (repo, image) = await PushImageAsync("threshold");
        var policy = Policies.Of(Policies.Rule("two", [_release.Verification, _ci.Verification], threshold: 2));
        await SignLegacyAsync(repo, image.Digest, _release);

        var one = await VerifyAsync($"{registry.Host}/{repo}:v1", policy);
        Assert.Equal(Reason.NoMatchingKey, one.Reason);
        Assert.Contains("1 of the 2", one.Detail, StringComparison.Ordinal);

        await SignBundleAsync(repo, image, _ci, InTotoStatement.CosignSignPredicateType, []);
        var two = await VerifyAsync($"{registry.Host}/{repo}:v1", policy);
        Assert.Equal(Reason.Verified, two.Reason);
        Assert.Equal(["ci", "release"], two.VerifiedBy);
    }

    [Fact]
    public async Task A_required_attestation_is_satisfied_by_a_legacy_att_envelope_and_missing_without_it()
    {
        var (repo, image) = await PushImageAsync("attested");
        await SignLegacyAsync(repo, image.Digest, _release);
        var policy = Policies.Of(Policies.Rule("slsa", [_release.Verification], attestations: [new AttestationRequirement(Slsa, [_ci.Verification])]));

        var before = await VerifyAsync($"{registry.Host}/{repo}:v1", policy);
        Assert.Equal(Reason.MissingAttestation, before.Reason);
        Assert.Contains(Slsa, before.Detail, StringComparison.Ordinal);

        var statement = Cosign.Statement("https://in-toto.io/Statement/v0.1", Slsa, image.Digest.Hex);
        await Cosign.PushLegacyAttestationsAsync(_store, repo, image.Digest, (Encoding.UTF8.GetBytes(Cosign.EnvelopeJson(statement, _ci)), Slsa));
        var after = await VerifyAsync($"{registry.Host}/{repo}:v1", policy);
        Assert.Equal(Reason.Verified, after.Reason);
        Assert.Contains(after.Evidence, e => e.Format == SignatureFormat.LegacyAttestation && e.Verified && e.KeyName == "ci");
    }

    [Fact]
    public async Task An_attestation_about_another_digest_does_not_satisfy_the_requirement()
    {
        var (repo, image) = await PushImageAsync("attested-other");
        var (_, other) = await PushImageAsync("attested-other-2");
        await SignLegacyAsync(repo, image.Digest, _release);
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", Slsa, other.Digest.Hex);
        await Cosign.PushLegacyAttestationsAsync(_store, repo, image.Digest, (Encoding.UTF8.GetBytes(Cosign.EnvelopeJson(statement, _release)), Slsa));

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("slsa", [_release.Verification], attestations: [new AttestationRequirement(Slsa, [_release.Verification])])));

        Assert.Equal(Reason.MissingAttestation, result.Reason);
        Assert.Contains("wrong-digest", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cosign_v3_attestation_bundle_satisfies_a_required_predicate_type()
    {
        var (repo, image) = await PushImageAsync("attested-bundle");
        var index = new List<string>();
        await SignBundleAsync(repo, image, _release, InTotoStatement.CosignSignPredicateType, index);
        await SignBundleAsync(repo, image, _release, Slsa, index);

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("slsa", [_release.Verification], attestations: [new AttestationRequirement(Slsa, [_release.Verification])])));

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Equal(2, result.Evidence.Count(e => e.Format == SignatureFormat.Bundle && e.Verified));
    }

    [Fact]
    public async Task A_tag_moved_between_resolution_and_verification_keeps_the_first_digest_in_the_result_and_the_pin()
    {
        var (repo, first) = await PushImageAsync("moving");
        await SignLegacyAsync(repo, first.Digest, _release);
        var moved = false;
        using var handler = new AfterResolveHandler(async () =>
        {
            await Cosign.PushImageAsync(_store, repo, "v1", "moved-" + Guid.NewGuid());
            moved = true;
        });
        using var client = Policies.Client(registry.Host, handler);
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_release.Verification])));

        var result = await verifier.VerifyAsync($"{registry.Host}/{repo}:v1");

        Assert.True(moved);
        using var check = Policies.Client(registry.Host);
        Assert.NotEqual(first.Digest, await check.ResolveAsync(ImageReference.Parse($"{registry.Host}/{repo}:v1")));
        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Equal(first.Digest, result.Digest);
        Assert.Equal($"{registry.Host}/{repo}:v1@{first.Digest}", result.Pinned);
    }

    [Fact]
    public async Task A_signature_made_with_the_openssl_command_line_verifies_so_signer_and_verifier_share_no_mistake()
    {
        var (repo, image) = await PushImageAsync("openssl");
        var directory = Directory.CreateTempSubdirectory("kubeguard-openssl-");
        try
        {
            var keyFile = Path.Combine(directory.FullName, "cosign.key");
            var payloadFile = Path.Combine(directory.FullName, "payload.json");
            var signatureFile = Path.Combine(directory.FullName, "payload.sig");
            await File.WriteAllTextAsync(keyFile, _release.PrivatePem);
            var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
            await File.WriteAllBytesAsync(payloadFile, payload);
            using (var openssl = Process.Start(new ProcessStartInfo("openssl") { ArgumentList = { "dgst", "-sha256", "-sign", keyFile, "-out", signatureFile, payloadFile }, RedirectStandardError = true })!)
            {
                await openssl.WaitForExitAsync();
                Assert.Equal(0, openssl.ExitCode);
            }

            await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, await File.ReadAllBytesAsync(signatureFile)));
            var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [_release.Verification])));
            Assert.Equal(Reason.Verified, result.Reason);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_legacy_signature_made_with_an_rsa_key_verifies_and_the_same_payload_signed_by_another_rsa_key_does_not()
    {
        var (repo, image) = await PushImageAsync("rsa");
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var other = System.Security.Cryptography.RSA.Create(2048);
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
        var signature = rsa.SignData(payload, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, signature));

        var good = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [VerificationKey.FromPem("rsa", rsa.ExportSubjectPublicKeyInfoPem())])));
        var bad = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [VerificationKey.FromPem("other", other.ExportSubjectPublicKeyInfoPem())])));

        Assert.Equal(Reason.Verified, good.Reason);
        Assert.Equal(["rsa"], good.VerifiedBy);
        Assert.Equal(Reason.InvalidSignature, bad.Reason);
    }

    [Fact]
    public async Task A_bundle_signed_with_a_p384_key_over_sha384_verifies_as_a_signature()
    {
        var (repo, image) = await PushImageAsync("p384");
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var key = VerificationKey.FromPem("p384", p384.ExportSubjectPublicKeyInfoPem());
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", "https://sigstore.dev/cosign/sign/v1", image.Digest.Hex);
        var sig = p384.SignData(Dsse.Pae(Dsse.InTotoPayloadType, statement), System.Security.Cryptography.HashAlgorithmName.SHA384, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        var envelope = $$"""{"payloadType":"{{Dsse.InTotoPayloadType}}","payload":"{{Convert.ToBase64String(statement)}}","signatures":[{"keyid":"","sig":"{{Convert.ToBase64String(sig)}}"}]}""";
        await Cosign.PushBundleReferrerAsync(_store, repo, image, Cosign.Bundle(envelope, key.Hint), "https://sigstore.dev/cosign/sign/v1", []);

        var result = await VerifyAsync($"{registry.Host}/{repo}:v1", Policies.Of(Policies.Rule("all", [key])));

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Contains(result.Evidence, e => e.Format == SignatureFormat.Bundle && e.Verified);
    }

    [Fact]
    public async Task The_registry_hides_an_oci_manifest_from_a_head_without_its_media_type_and_the_client_still_resolves_it()
    {
        var (repo, image) = await PushImageAsync("accept");
        using var http = new HttpClient();
        using var bare = new HttpRequestMessage(HttpMethod.Head, new Uri(registry.BaseUri, $"/v2/{repo}/manifests/v1"));
        using var response = await http.SendAsync(bare);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        using var client = Policies.Client(registry.Host);
        Assert.Equal(image.Digest, await client.ResolveAsync(ImageReference.Parse($"{registry.Host}/{repo}:v1")));
    }

    [Fact]
    public async Task A_reference_pinned_by_digest_is_verified_without_resolving_a_tag()
    {
        var (repo, image) = await PushImageAsync("by-digest");
        await SignLegacyAsync(repo, image.Digest, _release);
        var result = await VerifyAsync($"{registry.Host}/{repo}@{image.Digest}", Policies.Of(Policies.Rule("all", [_release.Verification])));
        Assert.Equal(Reason.Verified, result.Reason);
        Assert.False(result.ResolvedFromTag);
        Assert.Equal($"{registry.Host}/{repo}@{image.Digest}", result.Pinned);
    }

    [Fact]
    public async Task A_missing_tag_is_unresolvable()
    {
        var result = await VerifyAsync($"{registry.Host}/nothing/here:v9", Policies.Of(Policies.Rule("all", [_release.Verification])));
        Assert.Equal(Reason.Unresolvable, result.Reason);
        Assert.Contains("tag not found", result.Detail, StringComparison.Ordinal);
    }

    private async Task<ImageVerification> VerifyAsync(string reference, ImageVerificationPolicy policy)
    {
        using var client = Policies.Client(registry.Host);
        return await new ImageVerifier(client, policy).VerifyAsync(reference);
    }

    private async Task<(string Repository, (Digest Digest, long Size) Image)> PushImageAsync(string name)
    {
        var repo = $"team/{name}-{Guid.NewGuid():N}"[..40].TrimEnd('-');
        return (repo, await Cosign.PushImageAsync(_store, repo, "v1", name));
    }

    private async Task SignLegacyAsync(string repo, Digest digest, TestKey key)
    {
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", digest);
        await Cosign.PushLegacySignaturesAsync(_store, repo, digest, (payload, key.Sign(payload)));
    }

    private async Task SignBundleAsync(string repo, (Digest Digest, long Size) image, TestKey key, string predicateType, List<string> index)
    {
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", predicateType, image.Digest.Hex);
        await Cosign.PushBundleReferrerAsync(_store, repo, image, Cosign.Bundle(Cosign.EnvelopeJson(statement, key), key.Hint), predicateType, index);
    }

    /// <summary>Runs an action right after the first tag HEAD has answered: the tag moves mid-verification.</summary>
    private sealed class AfterResolveHandler(Func<Task> action) : DelegatingHandler(new HttpClientHandler())
    {
        private int _done;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Head && request.RequestUri!.AbsolutePath.EndsWith("/manifests/v1", StringComparison.Ordinal) && Interlocked.Exchange(ref _done, 1) == 0)
            {
                await action();
            }

            return response;
        }
    }
}
