using System.Text.Json.Nodes;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Tests.Registry;

namespace Kubeguard.SupplyChain.Tests;

/// <summary><c>kubeguard images verify</c> in-process, over manifests and references, against the real registry on 127.0.0.1.</summary>
public sealed class ImagesCommandTests(LocalRegistry registry) : IClassFixture<LocalRegistry>, IDisposable
{
    private readonly HttpRegistryStore _store = new(registry.BaseUri);
    private readonly TestKey _key = new("release");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubeguard-cli-");

    public void Dispose()
    {
        _store.Dispose();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task Manifests_are_verified_image_by_image_and_the_sarif_names_the_unsigned_one_at_its_line()
    {
        var (signed, _) = await SignedAsync("sarif-signed");
        var unsigned = await UnsignedAsync("sarif-unsigned");
        var manifest = WriteManifest("app.yaml", signed, unsigned);

        var (code, output, _) = await RunAsync(Request([manifest], format: "sarif"));

        Assert.Equal(ExitCodes.Findings, code);
        var result = Assert.Single(JsonNode.Parse(output)!["runs"]![0]!["results"]!.AsArray());
        Assert.Equal("unsigned", result!["ruleId"]!.GetValue<string>());
        Assert.Equal(16, result["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pin_prints_a_json_patch_per_object_with_the_digest_that_was_verified()
    {
        var (signed, digest) = await SignedAsync("pin-signed");
        var unsigned = await UnsignedAsync("pin-unsigned");
        var manifest = WriteManifest("app.yaml", signed, unsigned);

        var (code, output, _) = await RunAsync(Request([manifest], pin: true, images: [signed]));

        Assert.Equal(ExitCodes.Findings, code);
        var json = JsonNode.Parse(output)!;
        var document = Assert.Single(json["documents"]!.AsArray())!;
        Assert.Equal("Deployment", document["kind"]!.GetValue<string>());
        Assert.Equal(
            $$"""[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"{{signed}}@{{digest}}"}]""",
            document["patch"]!.ToJsonString());
        Assert.Equal($"{signed}@{digest}", json["images"]![0]!["pinned"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pin_with_write_rewrites_only_the_verified_image_scalars_and_keeps_every_other_byte()
    {
        var (signed, digest) = await SignedAsync("write-signed");
        var unsigned = await UnsignedAsync("write-unsigned");
        var path = Path.Combine(_directory.FullName, "pinned.yaml");
        var original = $$"""
            # team web, do not reorder
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web   # the shop front
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: {{signed}}     # pinned by CI
                    - name: sidecar
                      image: "{{unsigned}}"
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: job}
                spec:
                  containers:
                    - name: run
                      image: '{{signed}}'
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: flow}
            spec:
              containers: [{name: run, image: "{{signed}}"}]

            """;
        await File.WriteAllTextAsync(path, original);

        var (code, _, error) = await RunAsync(Request([path], pin: true) with { Write = true });

        Assert.Equal(ExitCodes.Findings, code);
        var expected = original
            .Replace($"image: {signed}     #", $"image: {signed}@{digest}     #", StringComparison.Ordinal)
            .Replace($"image: '{signed}'", $"image: '{signed}@{digest}'", StringComparison.Ordinal);
        Assert.NotEqual(original, expected);
        var actual = await File.ReadAllTextAsync(path);
        Assert.True(expected == actual, error + actual);
        Assert.Contains($"kubeguard: {path}: pinned 2 images", error, StringComparison.Ordinal);
        Assert.Contains("a flow-style collection is on the edited path spec.containers[0].image; left untouched", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_without_pin_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync(Request([], images: ["example.com/app:1"]) with { Write = true });
        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--write needs --pin", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verified_references_exit_zero_and_the_json_report_carries_digest_pin_and_keys()
    {
        var (signed, digest) = await SignedAsync("json-signed");

        var (code, output, _) = await RunAsync(Request([], format: "json", images: [signed]));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains(digest.ToString(), output, StringComparison.Ordinal);
        Assert.Contains($"{signed}@{digest}", output, StringComparison.Ordinal);
        Assert.Contains("cosign.pub", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_manifest_is_reported_with_its_file_and_line_and_the_rest_is_still_verified()
    {
        var (signed, _) = await SignedAsync("broken-rest");
        var good = WriteManifest("good.yaml", signed, signed);
        var broken = Path.Combine(_directory.FullName, "broken.yaml");
        await File.WriteAllTextAsync(broken, "apiVersion: v1\nkind: Pod\nmetadata: [unclosed\n");

        var (code, output, error) = await RunAsync(Request([good, broken]));

        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("broken.yaml", error, StringComparison.Ordinal);
        Assert.Contains(signed, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--insecure-registry registry.example.com:5000", "plain HTTP is allowed only for loopback registries")]
    [InlineData("--key missing.pub", "cannot read key file")]
    [InlineData("--no-key", "give either --policy FILE or one or more --key FILE")]
    [InlineData("--policy bad.yaml", "bad.yaml: line ")]
    [InlineData("--no-input", "nothing to verify")]
    [InlineData("missing-path", "missing.yaml: no such file or directory")]
    public async Task Configuration_errors_exit_two_with_one_line_each(string variant, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "bad.yaml"), "apiVersion: kubeguard.io/v1alpha1\nkind: ImageVerificationPolicy\nspec: {rules: [{images: ['**'], keys: [nobody]}]}\n");
        var request = Request([], images: ["nginx"]);
        request = variant switch
        {
            "--no-key" => request with { KeyPaths = [] },
            "--key missing.pub" => request with { KeyPaths = [Path.Combine(_directory.FullName, "missing.pub")] },
            "--policy bad.yaml" => request with { KeyPaths = [], PolicyPath = Path.Combine(_directory.FullName, "bad.yaml") },
            "--no-input" => request with { Images = [] },
            "missing-path" => request with { Paths = [Path.Combine(_directory.FullName, "missing.yaml")] },
            _ => request with { InsecureRegistries = ["registry.example.com:5000"] },
        };

        var (code, _, error) = await RunAsync(request);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private async Task<(string Reference, Digest Digest)> SignedAsync(string name)
    {
        var repo = $"cli/{name}-{Guid.NewGuid():N}"[..24];
        var image = await Cosign.PushImageAsync(_store, repo, "v1", repo);
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, _key.Sign(payload)));
        return ($"{registry.Host}/{repo}:v1", image.Digest);
    }

    private async Task<string> UnsignedAsync(string name)
    {
        var repo = $"cli/{name}-{Guid.NewGuid():N}"[..24];
        await Cosign.PushImageAsync(_store, repo, "v1", repo);
        return $"{registry.Host}/{repo}:v1";
    }

    private string WriteManifest(string name, string first, string second)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
              template:
                metadata:
                  name: web
                spec:
                  containers:
                    - name: app
                      image: {first}
                    - name: sidecar
                      image: {second}
            """);
        return path;
    }

    private ImagesVerifyRequest Request(string[] paths, bool pin = false, string format = "table", string[]? images = null)
    {
        var keyPath = Path.Combine(_directory.FullName, "cosign.pub");
        File.WriteAllText(keyPath, _key.PublicPem);
        return new ImagesVerifyRequest(paths, images ?? [], null, [keyPath], null, [registry.Host], 10, 8, format, pin);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(ImagesVerifyRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImagesCommand.RunAsync(request, output, error, path => File.Exists(path) ? File.ReadAllText(path) : null, TextReader.Null, null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
