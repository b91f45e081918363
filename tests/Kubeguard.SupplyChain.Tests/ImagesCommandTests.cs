using System.Text.Json.Nodes;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;
using Kubeguard.SupplyChain.Tests.Registry;

namespace Kubeguard.SupplyChain.Tests;

/// <summary><c>kubeguard images verify</c> in-process, against the real registry on 127.0.0.1.</summary>
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
    public async Task Verified_images_exit_zero_and_pin_prints_each_reference_with_its_verified_digest()
    {
        var repo = $"cli/signed-{Guid.NewGuid():N}"[..20];
        var image = await Cosign.PushImageAsync(_store, repo, "v1", repo);
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, _key.Sign(payload)));

        var (code, output, _) = await RunAsync(Request([$"{registry.Host}/{repo}:v1"], pin: true));

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"PASS  {registry.Host}/{repo}:v1  {image.Digest}  rule=keys  verified:", output, StringComparison.Ordinal);
        Assert.Contains($"pin: {registry.Host}/{repo}:v1 -> {registry.Host}/{repo}:v1@{image.Digest}", output, StringComparison.Ordinal);
        Assert.Contains("1 image reference(s), 1 distinct digest(s): 1 passed, 0 failed; transparency log: not checked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_image_exits_one_and_the_json_names_the_reason()
    {
        var repo = $"cli/unsigned-{Guid.NewGuid():N}"[..22];
        var image = await Cosign.PushImageAsync(_store, repo, "v1", repo);

        var (code, output, _) = await RunAsync(Request([$"{registry.Host}/{repo}:v1"], format: "json"));

        Assert.Equal(ExitCodes.Findings, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("unsigned", json["images"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(image.Digest.ToString(), json["images"]![0]!["digest"]!.GetValue<string>());
        Assert.Equal(1, json["summary"]!["failed"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("--insecure-registry registry.example.com:5000", "plain HTTP is allowed only for loopback registries")]
    [InlineData("--key missing.pub", "cannot read key file")]
    [InlineData("--no-key", "give either --policy FILE or one or more --key FILE")]
    [InlineData("--policy bad.yaml", "bad.yaml: line ")]
    public async Task Configuration_errors_exit_two_with_one_line_each(string variant, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "bad.yaml"), "apiVersion: kubeguard.io/v1alpha1\nkind: ImageVerificationPolicy\nspec: {rules: [{images: ['**'], keys: [nobody]}]}\n");
        var request = Request(["nginx"]);
        request = variant switch
        {
            "--no-key" => request with { KeyPaths = [] },
            "--key missing.pub" => request with { KeyPaths = [Path.Combine(_directory.FullName, "missing.pub")] },
            "--policy bad.yaml" => request with { KeyPaths = [], PolicyPath = Path.Combine(_directory.FullName, "bad.yaml") },
            _ => request with { InsecureRegistries = ["registry.example.com:5000"] },
        };

        var (code, _, error) = await RunAsync(request);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private ImagesVerifyRequest Request(string[] images, bool pin = false, string format = "table")
    {
        var keyPath = Path.Combine(_directory.FullName, "cosign.pub");
        File.WriteAllText(keyPath, _key.PublicPem);
        return new ImagesVerifyRequest(images, null, [keyPath], Path.Combine(_directory.FullName, "no-config.json"), [registry.Host], 10, 8, format, pin) with { DockerConfigPath = null };
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(ImagesVerifyRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImagesCommand.RunAsync(request, output, error, path => File.Exists(path) ? File.ReadAllText(path) : null, null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
