using System.Text.Json.Nodes;
using Kubeguard.SupplyChain.Pinning;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>Manifest pins as JSON patches, and the verification cache's lifetime, against the in-process loopback registry.</summary>
public sealed class PinAndCacheTests : IAsyncLifetime, IDisposable
{
    private readonly TestKey _key = new("release");
    private FakeRegistry _registry = null!;
    private Digest _signed;

    public async Task InitializeAsync()
    {
        _registry = await FakeRegistry.StartAsync();
        _signed = (await Cosign.PushImageAsync(_registry, "team/app", "v1", "app")).Digest;
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/team/app", _signed);
        await Cosign.PushLegacySignaturesAsync(_registry, "team/app", _signed, (payload, _key.Sign(payload)));
        await Cosign.PushImageAsync(_registry, "team/unsigned", "v1", "unsigned");
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task A_cronjob_template_gets_a_patch_only_for_the_verified_tag_at_its_path()
    {
        var tagged = $"{_registry.Host}/team/app:v1";
        var pinned = $"{_registry.Host}/team/app@{_signed}";
        var unsigned = $"{_registry.Host}/team/unsigned:v1";
        var cronJob = JsonNode.Parse($$$"""
            {"kind":"CronJob","spec":{"jobTemplate":{"spec":{"template":{"spec":{
              "initContainers":[{"name":"init","image":"{{{unsigned}}}"}],
              "containers":[{"name":"a","image":"{{{pinned}}}"},{"name":"b","image":"{{{tagged}}}"}] } } } } } }
            """)!.AsObject();
        using var client = Policies.Client(_registry.Host);
        var results = await new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification]))).VerifyAllAsync([unsigned, pinned, tagged]);

        var patches = ImagePins.For("CronJob", cronJob, results.ToDictionary(r => r.Reference));

        Assert.Equal(
            $$"""[{"op":"replace","path":"/spec/jobTemplate/spec/template/spec/containers/1/image","value":"{{tagged}}@{{_signed}}"}]""",
            ImagePins.ToJson(patches));
    }

    [Fact]
    public async Task A_cached_verification_expires_after_its_ttl_and_the_registry_is_asked_again()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-27T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var client = Policies.Client(_registry.Host);
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification])), new ImageVerifierOptions { CacheTtl = TimeSpan.FromMinutes(10), Time = clock });
        var reference = $"{_registry.Host}/team/app@{_signed}";
        await verifier.VerifyAsync(reference);
        var sigLookups = SigLookups();

        clock.Now += TimeSpan.FromMinutes(9);
        await verifier.VerifyAsync(reference);
        Assert.Equal(sigLookups, SigLookups());

        clock.Now += TimeSpan.FromMinutes(2);
        Assert.Equal(Reason.Verified, (await verifier.VerifyAsync(reference)).Reason);
        Assert.Equal(sigLookups + 1, SigLookups());
    }

    [Fact]
    public async Task A_failed_verification_is_not_cached()
    {
        using var client = Policies.Client(_registry.Host);
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification])));
        await verifier.VerifyAsync($"{_registry.Host}/team/unsigned:v1");
        var before = _registry.Requests.Count(r => r.Contains(".sig", StringComparison.Ordinal));
        await verifier.VerifyAsync($"{_registry.Host}/team/unsigned:v1");
        Assert.Equal(before + 1, _registry.Requests.Count(r => r.Contains(".sig", StringComparison.Ordinal)));
    }

    private int SigLookups() => _registry.Requests.Count(r => r.Contains($"/manifests/{_signed.TagForm}.sig", StringComparison.Ordinal));

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
