namespace Kubeguard.Checks.Tests;

public sealed class ImageReferenceTests
{
    public sealed record ReferenceCase(string Reference, string Registry, string Repository, string? Tag, string? Digest)
    {
        public override string ToString() => Reference;
    }

    private const string Digest = "sha256:4a5c1f0e1e6a9f1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899a";

    public static TheoryData<ReferenceCase> Cases { get; } = new()
    {
        new("nginx", "docker.io", "library/nginx", null, null),
        new("nginx:1.27", "docker.io", "library/nginx", "1.27", null),
        new("grafana/grafana:11.2.0", "docker.io", "grafana/grafana", "11.2.0", null),
        new("docker.io/library/redis:7", "docker.io", "library/redis", "7", null),
        new("index.docker.io/library/redis", "docker.io", "library/redis", null, null),
        new("quay.io/prometheus/prometheus:v2.54.1@" + Digest, "quay.io", "prometheus/prometheus", "v2.54.1", Digest),
        new("registry.example.com:5000/team/app@" + Digest, "registry.example.com:5000", "team/app", null, Digest),
        new("localhost:5000/tool", "localhost:5000", "tool", null, null),
        new("localhost/tool:dev", "localhost", "tool", "dev", null),
        new("registry.example.com/team/app:1", "registry.example.com", "team/app", "1", null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_reference_splits_into_registry_repository_tag_and_digest(ReferenceCase c)
    {
        var image = ImageReference.Parse(c.Reference);

        Assert.Equal((c.Registry, c.Repository, c.Tag, c.Digest), (image.Registry, image.Repository, image.Tag, image.Digest));
        Assert.Equal(c.Digest is not null, image.IsPinned);
    }

    [Theory]
    [InlineData("", "image reference is empty")]
    [InlineData("image@", "has an invalid digest")]
    [InlineData("Nginx:1", "repository name must be lowercase")]
    [InlineData("nginx:bad tag", "contains whitespace")]
    public void An_invalid_reference_is_kept_with_the_parser_reason_and_never_throws(string reference, string reason)
    {
        var image = ImageReference.Parse(reference);

        Assert.False(image.IsValid);
        Assert.False(image.IsPinned);
        Assert.Contains(reason, image.Error, StringComparison.Ordinal);
        Assert.False(image.IsFrom("docker.io"));
    }

    [Theory]
    [InlineData("quay.io/prometheus/prometheus:v2", "quay.io", true)]
    [InlineData("ghcr.io/acme/web:1", "ghcr.io/acme", true)]
    [InlineData("ghcr.io/acmecorp/web:1", "ghcr.io/acme", false)]
    [InlineData("nginx", "docker.io", true)]
    [InlineData("nginx", "docker.io/library", true)]
    [InlineData("nginx", "", false)]
    [InlineData("evil.io/quay.io/x", "quay.io", false)]
    public void An_allow_list_entry_matches_a_registry_or_a_repository_prefix_at_a_path_boundary(string reference, string entry, bool allowed) =>
        Assert.Equal(allowed, ImageReference.Parse(reference).IsFrom(entry));
}
