using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.Webhook;
using Microsoft.AspNetCore.Builder;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// The webhook host with an image policy, over real TLS on 127.0.0.1: <c>/mutate-images</c> pins a
/// verified Pod, <c>/validate-images</c> denies an unsigned one and never patches. The registry is
/// the in-process loopback server that speaks the OCI distribution wire format.
/// </summary>
public sealed class WebhookImageTests : IAsyncLifetime, IDisposable
{
    private readonly TestKey _key = new("release");
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kubeguard-webhook-images-");
    private FakeRegistry _registry = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private Digest _signed;

    public async Task InitializeAsync()
    {
        _registry = await FakeRegistry.StartAsync();
        _signed = (await Cosign.PushImageAsync(_registry, "team/app", "v1", "app")).Digest;
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/team/app", _signed);
        await Cosign.PushLegacySignaturesAsync(_registry, "team/app", _signed, (payload, _key.Sign(payload)));
        await Cosign.PushImageAsync(_registry, "team/debug", "v1", "debug");

        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", tlsKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certFile = Write("tls.crt", certificate.ExportCertificatePem());
        var keyFile = Write("tls.key", tlsKey.ExportPkcs8PrivateKeyPem());
        Write("cosign.pub", _key.PublicPem);
        var policy = Write("policy.yaml", """
            apiVersion: kubeguard.io/v1alpha1
            kind: ImageVerificationPolicy
            spec:
              keys: [{name: release, file: cosign.pub}]
              rules: [{name: all, images: ["**"], keys: [release]}]
            """);
        var namespaces = Write("namespaces.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n");

        _app = WebhookServer.Create(
            new WebhookOptions
            {
                Listen = "127.0.0.1:0",
                TlsCertFile = certFile,
                TlsPrivateKeyFile = keyFile,
                NamespacesFile = namespaces,
                ImagePolicyFile = policy,
                ImageInsecureRegistries = [_registry.Host],
            },
            logging => { });
        await _app.StartAsync();
        var pinned = certificate.GetCertHashString();
#pragma warning disable CA5400 // the test trusts exactly its own self-signed certificate
        _http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == pinned })
#pragma warning restore CA5400
        {
            BaseAddress = new Uri(_app.Urls.First()),
        };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _registry.DisposeAsync();
    }

    public void Dispose()
    {
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_mutating_endpoint_pins_a_verified_pod_image_to_its_digest()
    {
        var response = await PostAsync("/mutate-images", $"{_registry.Host}/team/app:v1");

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Equal(
            $$"""[{"op":"replace","path":"/spec/containers/0/image","value":"{{_registry.Host}}/team/app:v1@{{_signed}}"}]""",
            Encoding.UTF8.GetString(Convert.FromBase64String(response["patch"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_validating_endpoint_denies_an_unsigned_image_and_never_patches()
    {
        var denied = await PostAsync("/validate-images", $"{_registry.Host}/team/debug:v1");
        Assert.False(denied["allowed"]!.GetValue<bool>());
        Assert.Contains("unsigned (rule all)", denied["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var allowed = await PostAsync("/validate-images", $"{_registry.Host}/team/app:v1");
        Assert.True(allowed["allowed"]!.GetValue<bool>());
        Assert.Null(allowed["patch"]);
    }

    [Fact]
    public async Task A_malformed_review_gets_a_400_with_a_reason()
    {
        using var content = new StringContent("{\"kind\":\"AdmissionReview\"}", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("/mutate-images", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AdmissionReview with a request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> PostAsync(string path, string image)
    {
        var review = new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = "u-1",
                ["kind"] = new JsonObject { ["group"] = string.Empty, ["version"] = "v1", ["kind"] = "Pod" },
                ["operation"] = "CREATE",
                ["namespace"] = "default",
                ["object"] = new JsonObject
                {
                    ["kind"] = "Pod",
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) },
                },
            },
        };
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["response"]!;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
