using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// AdmissionReviews for Pods, Deployments and ephemeral containers through the library entry
/// point, against <see cref="FakeRegistry"/> (an in-process server on 127.0.0.1 speaking the OCI
/// distribution wire format).
/// </summary>
public sealed class AdmissionTests : IAsyncLifetime, IDisposable
{
    private readonly TestKey _key = new("release");
    private FakeRegistry _registry = null!;
    private Digest _signed;
    private Digest _unsigned;

    public async Task InitializeAsync()
    {
        _registry = await FakeRegistry.StartAsync();
        _signed = (await Cosign.PushImageAsync(_registry, "team/app", "v1", "app")).Digest;
        var payload = Cosign.SimpleSigningPayload($"{_registry.Host}/team/app", _signed);
        await Cosign.PushLegacySignaturesAsync(_registry, "team/app", _signed, (payload, _key.Sign(payload)));
        _unsigned = (await Cosign.PushImageAsync(_registry, "team/debug", "v1", "debug")).Digest;
    }

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    public void Dispose() => _key.Dispose();

    [Fact]
    public async Task A_pod_with_a_signed_tag_is_admitted_with_a_patch_that_pins_exactly_the_verified_digest()
    {
        var review = Review("Pod", "CREATE", null, Pod(("app", $"{_registry.Host}/team/app:v1"), ("pinned", $"{_registry.Host}/team/app@{_signed}")));

        var response = await HandleAsync(review, EnforcementMode.Enforce);

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Equal("review-uid", response["uid"]!.GetValue<string>());
        Assert.Equal("JSONPatch", response["patchType"]!.GetValue<string>());
        Assert.Equal(
            $$"""[{"op":"replace","path":"/spec/containers/0/image","value":"{{_registry.Host}}/team/app:v1@{{_signed}}"}]""",
            Encoding.UTF8.GetString(Convert.FromBase64String(response["patch"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_pod_with_an_unsigned_image_is_denied_naming_container_image_digest_reason_and_rule()
    {
        var response = await HandleAsync(Review("Pod", "CREATE", null, Pod(("app", $"{_registry.Host}/team/app:v1"), ("debug", $"{_registry.Host}/team/debug:v1"))), EnforcementMode.Enforce);

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
        Assert.Equal(
            $"containers[debug] {_registry.Host}/team/debug:v1@{_unsigned}: unsigned (rule all): {_unsigned}: no signature found (no .sig tag, no Sigstore bundle referrer)",
            response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unverified_deployment_template_gets_a_warning_and_no_patch_unless_its_namespace_opts_into_enforcement()
    {
        var deployment = new JsonObject { ["kind"] = "Deployment", ["spec"] = new JsonObject { ["template"] = Pod(("debug", $"{_registry.Host}/team/debug:v1"), ("app", $"{_registry.Host}/team/app:v1")) } };

        var warned = await HandleAsync(Review("Deployment", "CREATE", null, deployment), EnforcementMode.Enforce);
        Assert.True(warned["allowed"]!.GetValue<bool>());
        Assert.Null(warned["patch"]);
        Assert.StartsWith($"containers[debug] {_registry.Host}/team/debug:v1@{_unsigned}: unsigned", warned["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var denied = await HandleAsync(Review("Deployment", "CREATE", null, deployment), EnforcementMode.Enforce, enforceNamespace: true);
        Assert.False(denied["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_ephemeral_debug_container_is_verified_and_pinned_at_its_own_path()
    {
        var pod = Pod(("app", $"{_registry.Host}/team/app@{_signed}"));
        pod["spec"]!["ephemeralContainers"] = new JsonArray(new JsonObject { ["name"] = "shell", ["image"] = $"{_registry.Host}/team/app:v1" });

        var response = await HandleAsync(Review("Pod", "UPDATE", "ephemeralcontainers", pod), EnforcementMode.Enforce);

        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Equal(
            $$"""[{"op":"replace","path":"/spec/ephemeralContainers/0/image","value":"{{_registry.Host}}/team/app:v1@{{_signed}}"}]""",
            Encoding.UTF8.GetString(Convert.FromBase64String(response["patch"]!.GetValue<string>())));

        pod["spec"]!["ephemeralContainers"]![0]!["image"] = $"{_registry.Host}/team/debug:v1";
        var denied = await HandleAsync(Review("Pod", "UPDATE", "ephemeralcontainers", pod), EnforcementMode.Enforce);
        Assert.False(denied["allowed"]!.GetValue<bool>());
        Assert.StartsWith("ephemeralContainers[shell]", denied["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_mode_admits_with_warnings_and_never_mutates()
    {
        var response = await HandleAsync(Review("Pod", "CREATE", null, Pod(("app", $"{_registry.Host}/team/app:v1"), ("debug", $"{_registry.Host}/team/debug:v1"))), EnforcementMode.Audit);
        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.Null(response["patch"]);
        Assert.Single(response["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Warn_mode_admits_an_unsigned_image_with_a_warning_and_still_pins_the_verified_one()
    {
        var response = await HandleAsync(Review("Pod", "CREATE", null, Pod(("app", $"{_registry.Host}/team/app:v1"), ("debug", $"{_registry.Host}/team/debug:v1"))), EnforcementMode.Warn);
        Assert.True(response["allowed"]!.GetValue<bool>());
        Assert.NotNull(response["patch"]);
        Assert.Single(response["warnings"]!.AsArray());
    }

    [Fact]
    public async Task A_registry_that_hangs_gives_the_configured_failure_text_within_the_timeout()
    {
        _registry.Hang = true;
        using var client = Policies.Client(_registry.Host, timeout: TimeSpan.FromSeconds(30));
        var verifier = new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification])));
        var admission = new ImageAdmission(verifier, new ImageAdmissionOptions { Timeout = TimeSpan.FromMilliseconds(300), TimeoutMessage = "registry too slow, try again" });

        var response = JsonNode.Parse(await AdmissionReviewHandler.HandleAsync(Review("Pod", "CREATE", null, Pod(("app", $"{_registry.Host}/team/app:v1"))), admission, (_, _) => ValueTask.FromResult(false)))!["response"]!;

        Assert.False(response["allowed"]!.GetValue<bool>());
        Assert.Equal("registry too slow, try again (0.3 s)", response["status"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_review_without_a_request_is_refused_with_a_reason()
    {
        using var client = Policies.Client(_registry.Host);
        var admission = new ImageAdmission(new ImageVerifier(client, Policies.Of(Policies.Rule("all", [_key.Verification]))));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AdmissionReviewHandler.HandleAsync("""{"kind":"AdmissionReview"}""", admission, (_, _) => ValueTask.FromResult(false)));
        Assert.Contains("AdmissionReview with a request", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => AdmissionReviewHandler.HandleAsync("{not json", admission, (_, _) => ValueTask.FromResult(false)));
    }

    private async Task<JsonNode> HandleAsync(string review, EnforcementMode mode, bool enforceNamespace = false)
    {
        using var client = Policies.Client(_registry.Host);
        var policy = new ImageVerificationPolicy("p", [Policies.Rule("all", [_key.Verification])], NoMatchAction.Deny, mode);
        var admission = new ImageAdmission(new ImageVerifier(client, policy));
        return JsonNode.Parse(await AdmissionReviewHandler.HandleAsync(review, admission, (_, _) => ValueTask.FromResult(enforceNamespace)))!["response"]!;
    }

    private static JsonObject Pod(params (string Name, string Image)[] containers) => new()
    {
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = "p" },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]) },
    };

    private static string Review(string kind, string operation, string? subResource, JsonObject obj) => new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = "review-uid",
            ["kind"] = new JsonObject { ["group"] = kind == "Pod" ? string.Empty : "apps", ["version"] = "v1", ["kind"] = kind },
            ["operation"] = operation,
            ["subResource"] = subResource,
            ["namespace"] = "default",
            ["object"] = obj.DeepClone(),
        },
    }.ToJsonString();
}
