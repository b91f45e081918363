using Kubeguard.Checks.Exemptions;

namespace Kubeguard.Checks.Tests;

public sealed class ExemptionTests
{
    private const string Digest = "sha256:4a5c1f0e1e6a9f1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899a";

    private static readonly DateOnly Today = new(2026, 11, 27);

    private const string Manifest = $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: node-exporter
          namespace: monitoring
        spec:
          selector: {matchLabels: {app: ne}}
          template:
            metadata: {labels: {app: ne}}
            spec:
              serviceAccountName: node-exporter
              automountServiceAccountToken: false
              containers:
                - name: node-exporter
                  image: quay.io/prometheus/node-exporter:v1.8.2
                - name: proxy
                  image: quay.io/brancz/kube-rbac-proxy:v0.18.0
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: pinned
          namespace: apps
          annotations:
            exempt.kubeguard.io/default-service-account: "reason=legacy batch; owner=team-a; expires=2026-12-31"
            exempt.kubeguard.io/image-mutable-tag: "reason=old; owner=team-a; expires=2026-01-01"
        spec:
          containers:
            - name: app
              image: ghcr.io/acme/app:1.0@{{{Digest}}}
        """;

    private static ExemptionSet File(string entries) =>
        ExemptionsFile.Parse($"apiVersion: kubeguard.io/v1alpha1\nkind: Exemptions\nexemptions:\n{entries}", "exemptions.yaml");

    private static ExemptionOutcome<CheckFinding> Apply(ExemptionSet set, CheckOptions? options = null)
    {
        var inventory = ManifestReader.Inventory(Manifest);
        return ExemptionRules.Apply(InventoryEvaluator.Default.Evaluate(inventory, options), set, Today, inventory);
    }

    [Fact]
    public void An_exemption_keyed_by_namespace_kind_name_and_container_silences_only_that_container()
    {
        var set = File("""
              - check: image-not-pinned-by-digest
                namespace: monitoring
                kind: DaemonSet
                name: node-exporter
                container: node-exporter
                reason: vendor chart pins by tag
                owner: team-observability
                expires: 2027-03-31
            """);

        var outcome = Apply(set);

        Assert.Empty(set.Problems);
        var exempted = Assert.Single(outcome.Exempted, e => e.Finding.CheckId == "image-not-pinned-by-digest");
        Assert.Equal("node-exporter", exempted.Finding.Container);
        Assert.Equal("exemptions.yaml:4", exempted.By.Source);
        Assert.Contains(outcome.Active, f => f.CheckId == "image-not-pinned-by-digest" && f.Container == "proxy");
    }

    [Fact]
    public void An_exemption_keyed_by_image_digest_follows_the_image()
    {
        var options = CheckOptions.Default with { AllowedRegistries = ["quay.io"] };
        var set = File($"""
              - check: image-registry-not-allowed
                imageDigest: {Digest}
                reason: mirrored after review
                owner: sec
                expires: 2027-01-01
            """);

        var outcome = Apply(set, options);

        var exempted = Assert.Single(outcome.Exempted, e => e.Finding.CheckId == "image-registry-not-allowed");
        Assert.Equal(Digest, exempted.Finding.ImageDigest);
        Assert.DoesNotContain(outcome.Active, f => f.CheckId == "image-registry-not-allowed");
        Assert.Contains(Apply(ExemptionSet.Empty, options).Active, f => f.CheckId == "image-registry-not-allowed");
    }

    [Fact]
    public void An_expired_exemption_stops_applying_and_is_reported()
    {
        var outcome = Apply(File("""
              - check: image-not-pinned-by-digest
                namespace: monitoring
                reason: temporary
                owner: team-observability
                expires: 2026-11-26
            """));

        Assert.DoesNotContain(outcome.Exempted, e => e.Finding.CheckId == "image-not-pinned-by-digest");
        Assert.Equal(2, outcome.Active.Count(f => f.CheckId == "image-not-pinned-by-digest"));
        Assert.Contains(outcome.Expired, e => e.Source == "exemptions.yaml:4" && e.Expires == new DateOnly(2026, 11, 26));
    }

    [Fact]
    public void An_exemption_applies_through_its_expiry_day()
    {
        var outcome = Apply(File("""
              - check: image-not-pinned-by-digest
                namespace: monitoring
                reason: temporary
                owner: team-observability
                expires: 2026-11-27
            """));

        Assert.Equal(2, outcome.Exempted.Count(e => e.Finding.CheckId == "image-not-pinned-by-digest"));
        Assert.Empty(outcome.Expired.Where(e => e.Source.StartsWith("exemptions.yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_inline_annotation_exempts_its_own_object_and_an_expired_one_is_reported()
    {
        var outcome = Apply(ExemptionSet.Empty);

        var exempted = Assert.Single(outcome.Exempted);
        Assert.Equal(("default-service-account", "Pod apps/pinned"), (exempted.Finding.CheckId, exempted.Finding.Subject.ToString()));
        Assert.Equal("Pod apps/pinned annotation exempt.kubeguard.io/default-service-account", exempted.By.Source);
        var expired = Assert.Single(outcome.Expired);
        Assert.Equal("image-mutable-tag", expired.CheckId);
    }

    [Fact]
    public void Invalid_entries_are_rejected_with_their_line_and_the_valid_ones_still_apply()
    {
        var set = File("""
              - check: no-such-check
                name: x
                reason: r
                owner: o
                expires: 2027-01-01
              - check: image-not-pinned-by-digest
                reason: r
                owner: o
                expires: 2027-01-01
              - check: image-not-pinned-by-digest
                namespace: monitoring
                expires: next week
                colour: blue
              - check: image-not-pinned-by-digest
                namespace: monitoring
                reason: r
                owner: o
                expires: 2027-01-01
            """);

        Assert.Equal(
            [
                "exemptions.yaml:4: unknown check \"no-such-check\"",
                "exemptions.yaml:9: set at least one of namespace, kind, name, container or imageDigest (switch a whole check off with its family or severity instead)",
                "exemptions.yaml:13: unknown field \"colour\"; reason is required; owner is required; expires \"next week\" is not a date (YYYY-MM-DD)",
            ],
            set.Problems.Select(p => p.ToString()));
        Assert.Single(set.Exemptions);
        Assert.Equal(2, Apply(set).Exempted.Count(e => e.Finding.CheckId == "image-not-pinned-by-digest"));
    }

    [Theory]
    [InlineData("", "exemptions.yaml:1: expected a mapping with apiVersion, kind and exemptions")]
    [InlineData("[1, 2", "exemptions.yaml:2: not valid YAML")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nexemptions: {}", "exemptions.yaml:1: expected apiVersion kubeguard.io/v1alpha1 and kind Exemptions")]
    public void A_broken_file_gives_a_clear_error_and_exempts_nothing(string text, string expected)
    {
        var set = ExemptionsFile.Parse(text, "exemptions.yaml");

        Assert.Empty(set.Exemptions);
        Assert.StartsWith(expected, set.Problems[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_inline_annotation_missing_its_owner_is_a_problem_not_an_exemption()
    {
        var set = InlineExemptions.Parse(new ObjectRef("Pod", "a", "b"), new Dictionary<string, string>
        {
            ["exempt.kubeguard.io/default-service-account"] = "reason=r; expires=2027-01-01",
            ["unrelated.example.com/x"] = "y",
        });

        Assert.Empty(set.Exemptions);
        Assert.Equal("Pod a/b annotation exempt.kubeguard.io/default-service-account: owner is required", Assert.Single(set.Problems).ToString());
    }
}
