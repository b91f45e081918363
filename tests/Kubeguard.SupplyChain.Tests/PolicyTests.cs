using Kubeguard.Images;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Tests.Registry;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests;

public sealed class PolicyTests : IDisposable
{
    private readonly TestKey _release = new("release");
    private readonly TestKey _ci = new("ci");

    public void Dispose()
    {
        _release.Dispose();
        _ci.Dispose();
    }

    [Fact]
    public void A_complete_policy_parses_with_its_rules_keys_threshold_and_attestations()
    {
        var result = Parse($$"""
            apiVersion: kubeguard.io/v1alpha1
            kind: ImageVerificationPolicy
            metadata:
              name: production
            spec:
              mode: warn
              noMatch: allow
              keys:
                - name: release
                  pem: |
            {{Indent(_release.PublicPem, 8)}}
                - name: ci
                  file: keys/ci.pub
              rules:
                - name: internal
                  images: ["registry.example.com/team/**"]
                  exclude: ["registry.example.com/team/dev-*"]
                  keys: [release, ci]
                  threshold: 2
                  attestations:
                    - predicateType: https://slsa.dev/provenance/v1
                      keys: [ci]
                - name: mirrors
                  images: ["mirror.example.com/**"]
                  keys: [release]
                  signatureRepository: registry.example.com/signatures
            """);

        Assert.Empty(result.Errors);
        var policy = result.Policy!;
        Assert.Equal("production", policy.Name);
        Assert.Equal(NoMatchAction.Allow, policy.NoMatch);
        Assert.Equal(EnforcementMode.Warn, policy.Mode);
        var internalRule = policy.Rules[0];
        Assert.Equal(2, internalRule.Threshold);
        Assert.Equal(["release", "ci"], internalRule.Keys.Select(k => k.Name));
        Assert.Equal("https://slsa.dev/provenance/v1", Assert.Single(internalRule.Attestations).PredicateType);
        Assert.Equal(["ci"], internalRule.Attestations[0].Keys.Select(k => k.Name));
        Assert.Equal("registry.example.com/signatures", policy.Rules[1].SignatureRepository);
    }

    [Theory]
    [InlineData("registry.example.com/team/app:v1", "internal")]
    [InlineData("registry.example.com/team/sub/app", "internal")]
    [InlineData("registry.example.com/team/dev-app:v1", null)]
    [InlineData("registry.example.com/other/app", null)]
    [InlineData("nginx:1.27", "hub")]
    [InlineData("docker.io/library/nginx", "hub")]
    [InlineData("bitnami/redis", null)]
    public void The_first_rule_whose_globs_match_and_whose_exclusions_do_not_applies(string image, string? rule)
    {
        var policy = Policies.Of(
            new VerificationRule("internal", [new ImageGlob("registry.example.com/team/**")], [new ImageGlob("registry.example.com/team/dev-*")], [_release.Verification], 1, []),
            new VerificationRule("hub", [new ImageGlob("docker.io/library/*")], [], [_release.Verification], 1, []));
        Assert.Equal(rule, policy.RuleFor(ImageReference.Parse(image))?.Name);
    }

    [Fact]
    public void A_single_star_stays_within_one_path_segment()
    {
        var glob = new ImageGlob("ghcr.io/org/*");
        Assert.True(glob.Matches("ghcr.io/org/app"));
        Assert.False(glob.Matches("ghcr.io/org/team/app"));
        Assert.True(new ImageGlob("ghcr.io/org/**").Matches("ghcr.io/org/team/app"));
    }

    [Theory]
    [InlineData("keys: [nobody]", "unknown key \"nobody\"")]
    [InlineData("keys: [release]\n      threshold: 2", "threshold must be a whole number from 0 to the number of its keys (1)")]
    [InlineData("keys: []", "keys must name at least one key")]
    [InlineData("keys: [release]\n      colour: blue", "unknown field \"colour\"")]
    [InlineData("keys: [release]\n      attestations:\n        - predicateType: slsa", "predicateType must be a URI")]
    [InlineData("keys: [release]\n      signatureRepository: example.com/sigs:v1", "signatureRepository must be a repository name")]
    public void A_rule_that_does_not_say_what_it_means_is_an_error_with_its_line(string ruleBody, string error)
    {
        var result = Parse($$"""
            apiVersion: kubeguard.io/v1alpha1
            kind: ImageVerificationPolicy
            spec:
              keys:
                - name: release
                  pem: |
            {{Indent(_release.PublicPem, 8)}}
              rules:
                - name: r
                  images: ["**"]
                  {{ruleBody.Replace("\n      ", "\n      ", StringComparison.Ordinal)}}
            """);
        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Contains(error, StringComparison.Ordinal) && e.StartsWith("line ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_key_file_a_bad_pem_a_wrong_kind_and_an_unknown_mode_are_all_reported()
    {
        var result = Parse("""
            apiVersion: kubeguard.io/v1alpha1
            kind: ClusterImagePolicy
            spec:
              mode: strict
              keys:
                - name: missing
                  file: nowhere.pub
                - name: broken
                  pem: "not a key"
              rules:
                - images: ["**"]
                  threshold: 0
            """);
        Assert.Null(result.Policy);
        Assert.Contains(result.Errors, e => e.Contains("kind must be ImageVerificationPolicy", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("mode must be one of enforce, warn, audit, not \"strict\"", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("cannot read file nowhere.pub", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("key \"broken\": not a PEM public key", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line()
    {
        var result = Parse("apiVersion: kubeguard.io/v1alpha1\nkind: [unclosed\n");
        Assert.Null(result.Policy);
        Assert.StartsWith("line ", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_key_is_refused_by_name_with_the_reason()
    {
        using var small = System.Security.Cryptography.RSA.Create(1024);
        Assert.False(VerificationKey.TryFromPem("small", small.ExportSubjectPublicKeyInfoPem(), out _, out var error));
        Assert.Equal("key \"small\": RSA key of 1024 bits is too small; at least 2048 bits are required", error);
    }

    [Theory]
    [InlineData(NoMatchAction.Deny, Reason.NoMatchingRule, false, false)]
    [InlineData(NoMatchAction.Warn, Reason.NotRequired, true, true)]
    [InlineData(NoMatchAction.Allow, Reason.NotRequired, true, false)]
    public async Task An_image_no_rule_matches_gets_what_the_policy_says_without_a_registry_call(NoMatchAction action, Reason reason, bool passed, bool warning)
    {
        var policy = new ImageVerificationPolicy("p", [Policies.Rule("only", [_release.Verification], images: "ghcr.io/org/**")], action, EnforcementMode.Enforce);
        using var client = new RegistryClient(new RegistryClientOptions());
        var result = await new ImageVerifier(client, policy).VerifyAsync("nginx:1.27");
        Assert.Equal(reason, result.Reason);
        Assert.Equal(passed, result.Passed);
        Assert.Equal(warning, result.Warning);
        Assert.Null(result.Rule);
    }

    [Fact]
    public async Task An_unparseable_reference_is_unresolvable_with_the_parse_error()
    {
        using var client = new RegistryClient(new RegistryClientOptions());
        var result = await new ImageVerifier(client, ImageVerificationPolicy.ForKeys([_release.Verification])).VerifyAsync("Nginx:1");
        Assert.Equal(Reason.Unresolvable, result.Reason);
        Assert.Contains("must be lowercase", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_config_credentials_are_found_under_any_docker_hub_alias_and_by_host()
    {
        Assert.True(RegistryCredentials.TryParse("""
            {"auths":{
              "https://index.docker.io/v1/":{"auth":"aHViOnB3"},
              "ghcr.io":{"username":"gh","password":"tok"},
              "localhost:5000":{}
            }}
            """, out var credentials, out var error), error);
        Assert.Equal(new Credential("hub", "pw"), credentials.For("docker.io"));
        Assert.Equal(new Credential("gh", "tok"), credentials.For("ghcr.io"));
        Assert.Null(credentials.For("localhost:5000"));
        Assert.Equal("hub:***", credentials.For("docker.io")!.ToString());
        Assert.False(RegistryCredentials.TryParse("""{"auths":{"x":{"auth":"bm9jb2xvbg=="}}}""", out _, out var bad));
        Assert.Contains("not \"user:password\"", bad, StringComparison.Ordinal);
    }

    private PolicyParseResult Parse(string yaml) =>
        PolicyParser.Parse(yaml, path => path == "keys/ci.pub" ? _ci.PublicPem : null);

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.TrimEnd().Split('\n').Select(l => new string(' ', spaces) + l));
}
