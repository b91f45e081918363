using Kubeguard.Policy;

namespace Kubeguard.Admission.Tests;

public class NamespacePolicyTests
{
    private static PolicyResolution Resolve(params (string Key, string Value)[] labels) =>
        NamespacePolicy.Resolve(labels.ToDictionary(l => "pod-security.kubernetes.io/" + l.Key, l => l.Value), NamespacePolicy.Privileged);

    [Fact]
    public void A_namespace_without_labels_gets_the_defaults()
    {
        var resolution = NamespacePolicy.Resolve(new Dictionary<string, string>(), NamespacePolicy.Privileged);

        Assert.Same(NamespacePolicy.Privileged, resolution.Policy);
        Assert.False(resolution.HasErrors);
    }

    [Theory]
    [InlineData("enforce=baseline", "baseline:latest", "privileged:latest", "baseline:latest")]
    [InlineData("enforce=baseline,enforce-version=v1.22", "baseline:v1.22", "privileged:latest", "baseline:v1.22")]
    [InlineData("enforce=baseline,warn-version=v1.23", "baseline:latest", "privileged:latest", "baseline:v1.23")]
    [InlineData("enforce=baseline,warn=privileged", "baseline:latest", "privileged:latest", "privileged:latest")]
    [InlineData("enforce=restricted,warn=baseline", "restricted:latest", "privileged:latest", "baseline:latest")]
    [InlineData("audit=restricted,audit-version=v1.25", "privileged:latest", "restricted:v1.25", "privileged:latest")]
    [InlineData("enforce=foo", "restricted:latest", "privileged:latest", "privileged:latest")]
    [InlineData("audit=foo,warn=bar", "privileged:latest", "privileged:latest", "privileged:latest")]
    [InlineData("enforce=baseline,enforce-version=v1.025", "baseline:latest", "privileged:latest", "baseline:latest")]
    public void Labels_resolve_with_upstream_fallbacks_and_warn_following_enforce(string labels, string enforce, string audit, string warn)
    {
        var pairs = labels.Split(',').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();

        var policy = Resolve(pairs).Policy;

        Assert.Equal(enforce, policy.Enforce.ToString());
        Assert.Equal(audit, policy.Audit.ToString());
        Assert.Equal(warn, policy.Warn.ToString());
    }

    [Fact]
    public void Bad_label_values_are_reported_as_field_errors_in_label_order()
    {
        var resolution = Resolve(("warn", "x"), ("enforce", "foo"), ("enforce-version", "1.25"));

        Assert.Equal(
            [
                "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\": must be one of privileged, baseline, restricted",
                "metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.25\": must be \"latest\" or \"v1.x\"",
                "metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: \"x\": must be one of privileged, baseline, restricted",
            ],
            resolution.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_invalid_enforce_level_does_not_pull_warn_up()
    {
        var policy = Resolve(("enforce", "Restricted")).Policy;

        Assert.Equal(Level.Restricted, policy.Enforce.Level);
        Assert.Equal(Level.Privileged, policy.Warn.Level);
    }

    [Fact]
    public void Several_errors_aggregate_in_brackets_and_one_error_alone()
    {
        var one = Resolve(("enforce", "foo"));
        var two = Resolve(("enforce", "foo"), ("audit", "bar"));

        Assert.Equal("metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\": must be one of privileged, baseline, restricted", FieldError.Aggregate(one.Errors));
        Assert.StartsWith("[metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\"", FieldError.Aggregate(two.Errors), StringComparison.Ordinal);
        Assert.EndsWith("Invalid value: \"bar\": must be one of privileged, baseline, restricted]", FieldError.Aggregate(two.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Privileged_policies_are_equivalent_whatever_their_versions()
    {
        var a = Resolve(("enforce", "privileged"), ("enforce-version", "v1.20")).Policy;

        Assert.True(a.IsEquivalentTo(NamespacePolicy.Privileged));
        Assert.False(Resolve(("enforce", "baseline"), ("enforce-version", "v1.37")).Policy.IsEquivalentTo(Resolve(("enforce", "baseline")).Policy));
    }
}
