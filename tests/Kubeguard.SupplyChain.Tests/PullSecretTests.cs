using System.Net;
using System.Text;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;
using Kubeguard.SupplyChain.Tests.Registry;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// <c>kubeguard images verify</c> with credentials from a pod's <c>imagePullSecrets</c> (the
/// Secret in the same input), falling back to <c>--docker-config</c>, against the real registry
/// (Debian's docker-registry on 127.0.0.1) with htpasswd basic authentication.
/// </summary>
public sealed class PullSecretTests(HtpasswdRegistry registry) : IClassFixture<HtpasswdRegistry>, IDisposable
{
    private readonly HttpRegistryStore _store = new(registry.BaseUri, (HtpasswdRegistry.User, HtpasswdRegistry.Password));
    private readonly TestKey _key = new("release");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubeguard-pull-");

    public void Dispose()
    {
        _store.Dispose();
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_registry_refuses_anonymous_requests()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(registry.BaseUri, "/v2/"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_pod_template_with_a_dockerconfigjson_pull_secret_in_the_input_is_verified_with_its_credentials()
    {
        var image = await SignedAsync("json");
        var manifest = Write("app.yaml", Deployment("web", "shop", image, "regcred") + "---\n" + DockerConfigJsonSecret("regcred", "shop", HtpasswdRegistry.Password));

        var (code, output, error) = await RunAsync(manifest);

        Assert.True(code == ExitCodes.Success, output + error);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Without_the_secret_in_the_input_the_same_pod_is_refused_by_the_registry_and_the_missing_secret_is_named()
    {
        var image = await SignedAsync("missing");
        var manifest = Write("app.yaml", Deployment("web", "shop", image, "regcred"));

        var (code, output, error) = await RunAsync(manifest, format: "json");

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("registry-error", output, StringComparison.Ordinal);
        Assert.Contains("imagePullSecret shop/regcred is not in the input", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_dockercfg_secret_in_string_data_works_too()
    {
        var image = await SignedAsync("legacy");
        var dockercfg = "{\"" + registry.Host + "\":{\"auth\":\"" + Basic(HtpasswdRegistry.Password) + "\",\"email\":\"ci@example.com\"}}";
        var secret = $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: oldcred
              namespace: shop
            type: kubernetes.io/dockercfg
            stringData:
              .dockercfg: '{dockercfg}'
            """;
        var manifest = Write("app.yaml", Deployment("web", "shop", image, "oldcred") + "---\n" + secret);

        var (code, output, error) = await RunAsync(manifest);

        Assert.True(code == ExitCodes.Success, output + error);
    }

    [Fact]
    public async Task The_pod_secret_wins_over_the_docker_config_and_a_pod_without_secrets_falls_back_to_the_docker_config()
    {
        var withSecret = await SignedAsync("wins");
        var without = await SignedAsync("fallback");
        var dockerConfig = Write("config.json", DockerConfig("wrong-password"));
        var manifest = Write(
            "app.yaml",
            Deployment("web", "shop", withSecret, "regcred") + "---\n" + DockerConfigJsonSecret("regcred", "shop", HtpasswdRegistry.Password) + "---\n" + Deployment("batch", "shop", without, null));

        var (code, output, _) = await RunAsync(manifest, dockerConfig, format: "json");

        Assert.Equal(ExitCodes.Findings, code);
        var results = System.Text.Json.Nodes.JsonNode.Parse(output)!["results"]!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.Contains(results, r => r!.ToJsonString().Contains(withSecret, StringComparison.Ordinal) && r["allowed"]!.GetValue<bool>());
        Assert.Contains(results, r => r!.ToJsonString().Contains(without, StringComparison.Ordinal) && !r["allowed"]!.GetValue<bool>() && r.ToJsonString().Contains("refused the credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_the_right_docker_config_a_pod_without_pull_secrets_is_verified()
    {
        var image = await SignedAsync("config");
        var dockerConfig = Write("config.json", DockerConfig(HtpasswdRegistry.Password));
        var manifest = Write("app.yaml", Deployment("web", "shop", image, null));

        var (code, output, error) = await RunAsync(manifest, dockerConfig);

        Assert.True(code == ExitCodes.Success, output + error);
    }

    [Fact]
    public async Task A_secret_in_another_namespace_is_not_used()
    {
        var image = await SignedAsync("namespace");
        var manifest = Write("app.yaml", Deployment("web", "shop", image, "regcred") + "---\n" + DockerConfigJsonSecret("regcred", "other", HtpasswdRegistry.Password));

        var (code, _, error) = await RunAsync(manifest);

        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("imagePullSecret shop/regcred is not in the input", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_secret_that_is_not_a_docker_config_is_named_and_the_images_are_still_verified()
    {
        var image = await SignedAsync("broken");
        var broken = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: broken
              namespace: shop
            type: kubernetes.io/dockerconfigjson
            data:
              .dockerconfigjson: bm90IGpzb24=
            """;
        var manifest = Write("app.yaml", Deployment("web", "shop", image, "broken") + "---\n" + broken + "\n---\n" + DockerConfigJsonSecret("regcred", "shop", HtpasswdRegistry.Password) + "---\n" + Deployment("api", "shop", image, "regcred"));

        var (code, output, error) = await RunAsync(manifest, format: "json");

        Assert.True(code == ExitCodes.InputError, output + error);
        Assert.Contains("kubeguard: Secret shop/broken: docker config is not JSON", error, StringComparison.Ordinal);
        Assert.Contains("\"verified\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is not in the input", error, StringComparison.Ordinal);
    }

    private async Task<string> SignedAsync(string name)
    {
        var repo = $"pull/{name}-{Guid.NewGuid():N}"[..24];
        var image = await Cosign.PushImageAsync(_store, repo, "v1", repo);
        var payload = Cosign.SimpleSigningPayload($"{registry.Host}/{repo}", image.Digest);
        await Cosign.PushLegacySignaturesAsync(_store, repo, image.Digest, (payload, _key.Sign(payload)));
        return $"{registry.Host}/{repo}:v1";
    }

    private static string Deployment(string name, string ns, string image, string? pullSecret) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          template:
            spec:
              {(pullSecret is null ? "" : $"imagePullSecrets: [{{name: {pullSecret}}}]")}
              containers:
                - name: app
                  image: {image}

        """;

    private string DockerConfigJsonSecret(string name, string ns, string password) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: {ns}
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: {Convert.ToBase64String(Encoding.UTF8.GetBytes(DockerConfig(password)))}

        """;

    private string DockerConfig(string password) =>
        "{\"auths\":{\"" + registry.Host + "\":{\"auth\":\"" + Basic(password) + "\"}}}";

    private static string Basic(string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{HtpasswdRegistry.User}:{password}"));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string manifest, string? dockerConfig = null, string format = "table")
    {
        var keyPath = Path.Combine(_directory.FullName, "cosign.pub");
        await File.WriteAllTextAsync(keyPath, _key.PublicPem);
        // An empty docker config keeps the machine's own ~/.docker/config.json out of the test.
        var config = dockerConfig ?? Write("empty-config.json", "{}");
        var request = new ImagesVerifyRequest([manifest], [], null, [keyPath], config, [registry.Host], 10, 8, format, false);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ImagesCommand.RunAsync(request, output, error, path => File.Exists(path) ? File.ReadAllText(path) : null, TextReader.Null, null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
