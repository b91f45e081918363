using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Tests;

public sealed class ImageReferenceTests
{
    private const string Hex = "f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b";

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", null, "latest", false)]
    [InlineData("nginx:1.27", "docker.io", "library/nginx", "1.27", "1.27", false)]
    [InlineData("bitnami/redis:7", "docker.io", "bitnami/redis", "7", "7", false)]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", null, "latest", false)]
    [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", "1", false)]
    [InlineData("ghcr.io/org/team/app:v1.2.3", "ghcr.io", "org/team/app", "v1.2.3", "v1.2.3", false)]
    [InlineData("localhost/app", "localhost", "app", null, "latest", false)]
    [InlineData("localhost:5000/app:dev", "localhost:5000", "app", "dev", "dev", false)]
    [InlineData("127.0.0.1:5555/demo/app:v1", "127.0.0.1:5555", "demo/app", "v1", "v1", false)]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", null, "latest", false)]
    [InlineData("Registry/app", "Registry", "app", null, "latest", false)]
    [InlineData("registry.k8s.io/pause@sha256:" + Hex, "registry.k8s.io", "pause", null, null, true)]
    [InlineData("quay.io/a/b:tag@sha256:" + Hex, "quay.io", "a/b", "tag", null, true)]
    [InlineData("my_registry/a__b/c-d.e/f---g", "docker.io", "my_registry/a__b/c-d.e/f---g", null, "latest", false)]
    public void Valid_references_parse_with_the_docker_defaults_applied(string text, string registry, string repository, string? tag, string? effectiveTag, bool hasDigest)
    {
        Assert.True(ImageReference.TryParse(text, out var reference, out var error), error);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(effectiveTag, reference.EffectiveTag);
        Assert.Equal(hasDigest, reference.Digest is not null);
        Assert.Equal(text, reference.Original);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("nginx latest", "whitespace")]
    [InlineData("Nginx", "must be lowercase")]
    [InlineData("docker.io/Library/nginx", "must be lowercase")]
    [InlineData("nginx:", "invalid tag")]
    [InlineData("nginx:-bad", "invalid tag")]
    [InlineData("nginx@sha256:abc", "invalid digest")]
    [InlineData("nginx@md5:" + Hex, "invalid digest")]
    [InlineData("nginx@sha256:" + "F3CFC9D0DBF931D3DB4685EC659B7AC68E2A578219DA4AAE65427886E649B06B", "invalid digest")]
    [InlineData("ghcr.io//app", "empty path component")]
    [InlineData("ghcr.io/app-", "invalid path component")]
    [InlineData("-bad.io/app", "invalid registry")]
    [InlineData(":tag", "no repository name")]
    public void Invalid_references_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(ImageReference.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_longer_than_255_characters_is_refused()
    {
        Assert.False(ImageReference.TryParse("ghcr.io/" + new string('a', 250), out _, out var error));
        Assert.Contains("longer than 255", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", "nginx@sha256:" + Hex)]
    [InlineData("nginx:1.27", "nginx:1.27@sha256:" + Hex)]
    [InlineData("localhost:5000/app:dev", "localhost:5000/app:dev@sha256:" + Hex)]
    [InlineData("quay.io/a/b:tag@sha256:0000000000000000000000000000000000000000000000000000000000000000", "quay.io/a/b:tag@sha256:" + Hex)]
    public void Pinning_keeps_the_reference_as_written_and_appends_the_digest(string text, string pinned) =>
        Assert.Equal(pinned, ImageReference.Parse(text).PinnedTo(Digest.Parse("sha256:" + Hex)));

    [Fact]
    public void Docker_hub_is_spoken_to_at_registry_1_and_the_cosign_tag_form_replaces_the_colon()
    {
        var reference = ImageReference.Parse("nginx@sha256:" + Hex);
        Assert.Equal("registry-1.docker.io", reference.ApiHost);
        Assert.Equal("docker.io/library/nginx", reference.Name);
        Assert.Equal("sha256-" + Hex, reference.Digest!.Value.TagForm);
    }
}
