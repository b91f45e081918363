using Kubeguard.PromAudit.Images;
using Kubeguard.PromAudit.Rules;

namespace Kubeguard.PromAudit.Tests;

public sealed class ImageAnalyzerTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, null)]
    [InlineData("nginx:1.25", "docker.io", "library/nginx", "1.25", null)]
    [InlineData("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", null)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:abcdef0123", "registry.k8s.io", "ingress-nginx/controller", "v1.11.2", "sha256:abcdef0123")]
    [InlineData("localhost:5000/app@sha256:abcdef0123", "localhost:5000", "app", null, "sha256:abcdef0123")]
    [InlineData("localhost/app:dev", "localhost", "app", "dev", null)]
    [InlineData("docker-pullable://index.docker.io/library/busybox@sha256:abcdef0123", "docker.io", "library/busybox", null, "sha256:abcdef0123")]
    public void Parses_references_and_normalises_docker_hub(string text, string registry, string repository, string? tag, string? digest)
    {
        Assert.True(ImageReference.TryParse(text, out var image));
        Assert.Equal(new ImageReference(registry, repository, tag, digest), image);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nginx:")]
    [InlineData("nginx@nodigest")]
    [InlineData("has space:1")]
    public void Rejects_malformed_references(string text) => Assert.False(ImageReference.TryParse(text, out _));

    private static List<string> Kinds(params ImageObservation[] observations) =>
        [.. ImageAnalyzer.Analyze(observations, RiskRules.BuiltIn).Select(r => $"{r.Image} {r.Kind}")];

    private static ImageObservation Pod(string image, string digest = "sha256:1", string pod = "p") => new("ns", pod, "c", image, "x@" + digest);

    [Fact]
    public void A_digest_pinned_current_image_has_no_risk() =>
        Assert.Empty(Kinds(Pod("grafana/grafana:11.2.0@sha256:8888888888")));

    [Fact]
    public void Latest_and_missing_tags_float() =>
        Assert.Equal(["busybox floating-tag", "busybox no-digest", "app:latest floating-tag", "app:latest no-digest"],
            Kinds(Pod("busybox"), Pod("app:latest")).OrderBy(k => k[0] == 'a').ToList());

    [Fact]
    public void One_tag_on_two_digests_was_moved() =>
        Assert.Contains("nginx:1.25 moved-tag", Kinds(Pod("nginx:1.25", "sha256:1", "a"), Pod("nginx:1.25", "sha256:2", "b")));

    [Fact]
    public void Major_only_tags_are_noted() => Assert.Contains("postgres:16 major-only-tag", Kinds(Pod("postgres:16")));

    [Theory]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.4", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.12.0", true)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.11.5", false)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.12.1", false)]
    public void Ingress_nginx_versions_are_matched_against_the_dated_rules(string image, bool exploitable) =>
        Assert.Equal(exploitable, Kinds(Pod(image)).Contains($"{image} known-exploitable"));

    [Fact]
    public void Frozen_registries_and_eol_bases_are_flagged()
    {
        var kinds = Kinds(Pod("k8s.gcr.io/pause:3.1"), Pod("python:3.8-slim-buster"));
        Assert.Contains("k8s.gcr.io/pause:3.1 frozen-registry", kinds);
        Assert.Contains("python:3.8-slim-buster eol-base", kinds);
        Assert.Contains("python:3.8-slim-buster end-of-life", kinds);
    }

    [Fact]
    public void Old_kubernetes_component_images_are_outside_the_support_window() =>
        Assert.Contains("registry.k8s.io/kube-proxy:v1.21.2 unsupported-kubernetes", Kinds(Pod("registry.k8s.io/kube-proxy:v1.21.2")));

    [Fact]
    public void The_rules_file_is_dated() => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", RiskRules.BuiltIn.Date);
}
