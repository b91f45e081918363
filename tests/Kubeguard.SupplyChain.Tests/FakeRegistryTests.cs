using System.Text;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// What Debian's registry cannot show: basic and bearer-token challenges, the OCI 1.1 referrers
/// API, a registry that hangs, and a blob that does not match its descriptor. These run against
/// <see cref="FakeRegistry"/>, an in-process server on 127.0.0.1 that speaks the exact OCI
/// distribution wire format.
/// </summary>
public sealed class FakeRegistryTests : IAsyncLifetime, IDisposable
{
    private readonly TestKey _key = new("release");
    private FakeRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await FakeRegistry.StartAsync();

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task A_bearer_challenge_is_answered_with_a_token_fetched_with_the_docker_config_credentials()
    {
        _registry.Bearer = true;
        _registry.TokenCredentials = ("robot", "s3cret");
        var image = await SignedImageAsync("private/app");
        Assert.True(RegistryCredentials.TryParse(DockerConfig(_registry.Host, "robot", "s3cret"), out var credentials, out _));

        var result = await VerifyAsync($"{_registry.Host}/private/app:v1", credentials);

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Equal(image.Digest, result.Digest);
        Assert.Contains(_registry.Requests, r => r.StartsWith("GET /token?service=fake-registry&scope=repository%3Aprivate%2Fapp%3Apull", StringComparison.Ordinal));
        Assert.Equal(1, _registry.TokensIssued);
    }

    [Fact]
    public async Task A_token_request_with_wrong_credentials_is_a_registry_error_that_names_the_token_endpoint()
    {
        _registry.Bearer = true;
        _registry.TokenCredentials = ("robot", "s3cret");
        await SignedImageAsync("private/app");
        Assert.True(RegistryCredentials.TryParse(DockerConfig(_registry.Host, "robot", "wrong"), out var credentials, out _));

        var result = await VerifyAsync($"{_registry.Host}/private/app:v1", credentials);

        Assert.Equal(Reason.RegistryError, result.Reason);
        Assert.Contains("token request", result.Detail, StringComparison.Ordinal);
        Assert.Contains("401", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_bearer_challenge_needs_no_credentials()
    {
        _registry.Bearer = true;
        await SignedImageAsync("public/app");
        var result = await VerifyAsync($"{_registry.Host}/public/app:v1", RegistryCredentials.None);
        Assert.Equal(Reason.Verified, result.Reason);
    }

    [Fact]
    public async Task A_basic_challenge_is_answered_with_the_docker_config_credentials_and_refused_without_them()
    {
        _registry.Basic = ("robot", "s3cret");
        await SignedImageAsync("basic/app");
        Assert.True(RegistryCredentials.TryParse(DockerConfig(_registry.Host, "robot", "s3cret"), out var credentials, out _));

        Assert.Equal(Reason.Verified, (await VerifyAsync($"{_registry.Host}/basic/app:v1", credentials)).Reason);
        var anonymous = await VerifyAsync($"{_registry.Host}/basic/app:v1", RegistryCredentials.None);
        Assert.Equal(Reason.RegistryError, anonymous.Reason);
        Assert.Contains("requires credentials", anonymous.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_is_found_through_the_referrers_api_when_the_registry_has_one()
    {
        _registry.ReferrersApi = true;
        var image = await Cosign.PushImageAsync(_registry, "v3/app", "v1", "v3");
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", InTotoStatement.CosignSignPredicateType, image.Digest.Hex);
        await Cosign.PushBundleReferrerAsync(_registry, "v3/app", image, Cosign.Bundle(Cosign.EnvelopeJson(statement, _key), _key.Hint), InTotoStatement.CosignSignPredicateType, [], writeFallbackIndex: false);

        var result = await VerifyAsync($"{_registry.Host}/v3/app:v1", RegistryCredentials.None);

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Contains(_registry.Requests, r => r.StartsWith($"GET /v2/v3/app/referrers/{image.Digest}", StringComparison.Ordinal));
        Assert.DoesNotContain(_registry.Requests, r => r.Contains($"/manifests/{image.Digest.TagForm} ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_that_hangs_gives_a_timeout_within_the_configured_timeout()
    {
        _registry.Hang = true;
        using var client = Policies.Client(_registry.Host, timeout: TimeSpan.FromMilliseconds(300));
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification])));

        var result = await verifier.VerifyAsync($"{_registry.Host}/slow/app:v1");

        Assert.Equal(Reason.Timeout, result.Reason);
        Assert.Contains("no answer within 0.3 s", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_payload_that_does_not_match_its_descriptor_is_never_parsed_and_fails()
    {
        var image = await Cosign.PushImageAsync(_registry, "corrupt/app", "v1", "corrupt");
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/corrupt/app", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_registry, "corrupt/app", image.Digest, (payload, _key.Sign(payload)));
        _registry.CorruptBlobs[Digest.Of(payload).ToString()] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("critical", "CRITICAL", StringComparison.Ordinal));

        var result = await VerifyAsync($"{_registry.Host}/corrupt/app:v1", RegistryCredentials.None);

        Assert.Equal(Reason.InvalidSignature, result.Reason);
        Assert.Contains("does not match its descriptor", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_digest_is_served_from_the_cache_without_asking_the_registry_again()
    {
        await SignedImageAsync("cached/app");
        using var client = Policies.Client(_registry.Host);
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification])));
        var first = await verifier.VerifyAsync($"{_registry.Host}/cached/app:v1");
        var requestsAfterFirst = _registry.Requests.Count;

        var second = await verifier.VerifyAsync($"{_registry.Host}/cached/app@{first.Digest}");

        Assert.Equal(Reason.Verified, second.Reason);
        Assert.Equal(requestsAfterFirst, _registry.Requests.Count);
    }

    [Fact]
    public void Plain_http_is_refused_for_a_registry_that_is_not_loopback()
    {
        var options = new RegistryClientOptions { InsecureRegistries = ["registry.example.com:5000", "127.0.0.1:5000", "localhost:5000", "[::1]:5000"] };
        var error = Assert.Single(options.Validate());
        Assert.Contains("registry.example.com:5000", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RegistryClient(options));
    }

    [Fact]
    public async Task Without_a_digest_header_the_tag_is_resolved_by_hashing_the_manifest_body_of_one_get()
    {
        _registry.OmitDigestHeader = true;
        var image = await SignedImageAsync("nohead/app");
        using var client = Policies.Client(_registry.Host);

        Assert.Equal(image.Digest, await client.ResolveAsync(ImageReference.Parse($"{_registry.Host}/nohead/app:v1")));
        Assert.Contains(_registry.Requests, r => r.StartsWith("GET /v2/nohead/app/manifests/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_multi_arch_index_resolves_to_the_index_digest_and_the_index_signature_verifies()
    {
        var child = await Cosign.PushImageAsync(_registry, "multi/app", "amd64", "amd64");
        var index = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciIndex}}}","manifests":[{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{child.Digest}}}","size":{{{child.Size}}},"platform":{"architecture":"amd64","os":"linux"}}]}""");
        var digest = await _registry.PushManifestAsync("multi/app", "v1", index, MediaTypes.OciIndex);
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/multi/app", digest);
        await Cosign.PushLegacySignaturesAsync(_registry, "multi/app", digest, (payload, _key.Sign(payload)));

        var result = await VerifyAsync($"{_registry.Host}/multi/app:v1", RegistryCredentials.None);

        Assert.Equal(Reason.Verified, result.Reason);
        Assert.Equal(digest, result.Digest);
        Assert.Contains(_registry.Requests, r => r.StartsWith("HEAD /v2/multi/app/manifests/v1 accept=", StringComparison.Ordinal) && r.Contains(MediaTypes.OciIndex, StringComparison.Ordinal) && r.Contains(MediaTypes.DockerManifestList, StringComparison.Ordinal) && r.Contains(MediaTypes.DockerManifest, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_referrer_listed_with_the_empty_config_artifact_type_is_still_opened()
    {
        _registry.ReferrersApi = true;
        var image = await Cosign.PushImageAsync(_registry, "emptytype/app", "v1", "emptytype");
        var statement = Cosign.Statement("https://in-toto.io/Statement/v1", InTotoStatement.CosignSignPredicateType, image.Digest.Hex);
        var bundle = Cosign.Bundle(Cosign.EnvelopeJson(statement, _key), _key.Hint);
        var emptyDigest = await _registry.PushBlobAsync("emptytype/app", Encoding.UTF8.GetBytes("{}"));
        var bundleDigest = await _registry.PushBlobAsync("emptytype/app", bundle);
        var manifest = Encoding.UTF8.GetBytes($$$"""{"schemaVersion":2,"mediaType":"{{{MediaTypes.OciManifest}}}","artifactType":"{{{MediaTypes.OciEmpty}}}","config":{"mediaType":"{{{MediaTypes.OciEmpty}}}","digest":"{{{emptyDigest}}}","size":2},"layers":[{"mediaType":"{{{SigstoreBundle.MediaTypeV03}}}","digest":"{{{bundleDigest}}}","size":{{{bundle.Length}}}}],"subject":{"mediaType":"{{{MediaTypes.OciManifest}}}","digest":"{{{image.Digest}}}","size":{{{image.Size}}}}}""");
        await _registry.PushManifestAsync("emptytype/app", Digest.Of(manifest).ToString(), manifest, MediaTypes.OciManifest);

        var result = await VerifyAsync($"{_registry.Host}/emptytype/app:v1", RegistryCredentials.None);

        Assert.Equal(Reason.Verified, result.Reason);
    }

    [Fact]
    public async Task A_signature_layer_larger_than_the_blob_limit_is_refused_before_download()
    {
        var image = await Cosign.PushImageAsync(_registry, "big/app", "v1", "big");
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/big/app", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_registry, "big/app", image.Digest, (payload, _key.Sign(payload)));
        using var client = new RegistryClient(new RegistryClientOptions { InsecureRegistries = [_registry.Host], MaxBlobBytes = 64 });

        var result = await new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification]))).VerifyAsync($"{_registry.Host}/big/app:v1");

        Assert.Equal(Reason.InvalidSignature, result.Reason);
        Assert.Contains("exceeds the 64-byte limit", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_registry.Requests, r => r.Contains($"/blobs/{Digest.Of(payload)}", StringComparison.Ordinal));
    }

    private async Task<(Digest Digest, long Size)> SignedImageAsync(string repo)
    {
        var image = await Cosign.PushImageAsync(_registry, repo, "v1", repo);
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/{repo}", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_registry, repo, image.Digest, (payload, _key.Sign(payload)));
        return image;
    }

    private async Task<ImageVerification> VerifyAsync(string reference, RegistryCredentials credentials)
    {
        using var client = Policies.Client(_registry.Host, credentials: credentials);
        return await new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification]))).VerifyAsync(reference);
    }

    private static string DockerConfig(string host, string user, string password) =>
        "{\"auths\":{\"http://" + host + "/v2/\":{\"auth\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")) + "\"}}}";
}
