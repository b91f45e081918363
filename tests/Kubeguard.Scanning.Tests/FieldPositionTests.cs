using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class FieldPositionTests
{
    private static readonly ManifestDocument Deployment = Assert.Single(new ManifestLoader().LoadText("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            container.apparmor.security.beta.kubernetes.io/app: unconfined
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx
              - name: sidecar
                image: envoy
                securityContext:
                  privileged: true
        """, "web.yaml").Documents);

    [Theory]
    [InlineData("spec.template.spec.containers[1].securityContext", 15, 9, true)]
    [InlineData("spec.template.spec.containers[1].securityContext.privileged", 16, 11, true)]
    [InlineData("spec.template.spec.containers[0]", 11, 9, true)]
    [InlineData("metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']", 6, 5, true)]
    [InlineData("spec.template.spec.containers[0].securityContext.runAsNonRoot", 11, 9, false)]
    [InlineData("spec.template.spec.containers[5]", 10, 7, false)]
    [InlineData("", 1, 1, true)]
    public void Any_field_path_resolves_to_its_line_or_its_deepest_existing_parent(string path, int line, int column, bool exact)
    {
        var position = Deployment.Locate(path);
        Assert.Equal((line, column, exact), (position.Line, position.Column, position.Exact));
    }

    [Fact]
    public void Resolved_path_names_the_part_that_exists() =>
        Assert.Equal("spec.template.spec.containers[0]", Deployment.Locate("spec.template.spec.containers[0].securityContext.runAsNonRoot").ResolvedPath);

    [Theory]
    [InlineData("a.b[2].c", new object[] { "a", "b", 2, "c" })]
    [InlineData("$.a['x.y/z'].b", new object[] { "a", "x.y/z", "b" })]
    [InlineData("a[\"q\"]", new object[] { "a", "q" })]
    public void Field_paths_parse_and_format_round_trip(string path, object[] segments)
    {
        Assert.True(FieldPath.TryParse(path, out var parsed));
        Assert.Equal(segments, parsed);
        Assert.True(FieldPath.TryParse(FieldPath.Format(parsed), out var again));
        Assert.Equal(segments, again);
    }

    [Theory]
    [InlineData("a[x]")]
    [InlineData("a['unterminated")]
    [InlineData("a..b")]
    public void Malformed_field_paths_do_not_parse(string path) => Assert.False(FieldPath.TryParse(path, out _));
}
