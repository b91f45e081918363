using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Benchmarks;

/// <summary>
/// The bar: 200 pods referencing 20 distinct digests, verified cold (a fresh client and
/// verifier, empty caches) against a real registry on 127.0.0.1; and one admission review of a
/// Pod with a warm cache. Max (P100) bounds p99.
/// </summary>
[Config(typeof(Percentiles))]
public abstract class VerificationBenchmarks
{
    private BenchRegistry _registry = null!;
    private ECDsa _key = null!;
    private ImageVerificationPolicy _policy = null!;
    private List<string> _podImages = null!;
    private RegistryClient _warmClient = null!;
    private ImageAdmission _warmAdmission = null!;
    private JsonObject _pod = null!;

    [GlobalSetup]
    public void Setup()
    {
        _registry = new BenchRegistry();
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var digests = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var digest = _registry.PushSignedImageAsync($"bench/app{i}", _key).GetAwaiter().GetResult();
            digests.Add($"{_registry.Host}/bench/app{i}");
            _ = digest;
        }

        // 200 pods: each of the 20 images by tag, 10 pods apiece (deduplicated by the verifier).
        _podImages = [.. Enumerable.Range(0, 200).Select(i => $"{digests[i % 20]}:v1")];
        _policy = ImageVerificationPolicy.ForKeys([VerificationKey.FromPem("bench", _key.ExportSubjectPublicKeyInfoPem())]);
        _warmClient = NewClient();
        _warmAdmission = new ImageAdmission(new ImageVerifier(_warmClient, _policy));
        _pod = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = $"{digests[0]}:v1" }) } };
        var warmed = _warmAdmission.ReviewAsync(new ImageAdmissionRequest("Pod", "CREATE", null, _pod)).GetAwaiter().GetResult();
        if (!warmed.Allowed || warmed.Patches.Count != 1)
        {
            throw new InvalidOperationException("the warm-up review did not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warmClient.Dispose();
        _key.Dispose();
        _registry.Dispose();
    }

    /// <summary>Cold: new client and verifier, 200 pod image references, 20 digests.</summary>
    protected async Task<int> ColdAsync()
    {
        using var client = NewClient();
        var results = await new ImageVerifier(client, _policy).VerifyAllAsync(_podImages);
        return results.Count(r => r.Reason == Reason.Verified) == 20 ? 20 : throw new InvalidOperationException("not all verified");
    }

    /// <summary>Warm: one Pod admission review; the tag is resolved again, the verification is cached by digest.</summary>
    protected async Task<bool> WarmAsync()
    {
        var decision = await _warmAdmission.ReviewAsync(new ImageAdmissionRequest("Pod", "CREATE", null, _pod));
        return decision.Allowed;
    }

    private RegistryClient NewClient() => new(new RegistryClientOptions { InsecureRegistries = [_registry.Host] });

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P95, StatisticColumn.Max);
    }
}

/// <summary>200 pods, 20 digests, cold caches: each iteration is one full run.</summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 10)]
public class ColdVerification : VerificationBenchmarks
{
    [Benchmark]
    public Task<int> Cold_200_pods_20_digests() => ColdAsync();
}

/// <summary>One Pod admission review with a warm verification cache.</summary>
public class WarmAdmission : VerificationBenchmarks
{
    [Benchmark]
    public Task<bool> Warm_admission_review() => WarmAsync();
}
