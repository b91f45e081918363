using k8s.Models;

namespace Kubeguard.Checks.Tests;

public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void A_service_selector_matches_when_every_pair_is_present_and_an_empty_one_matches_nothing()
    {
        Assert.True(Selectors.Matches(new Dictionary<string, string> { ["app"] = "web" }, Labels));
        Assert.False(Selectors.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "back" }, Labels));
        Assert.False(Selectors.Matches(new Dictionary<string, string>(), Labels));
        Assert.False(Selectors.Matches((IDictionary<string, string>?)null, Labels));
        Assert.False(Selectors.Matches(new Dictionary<string, string> { ["app"] = "web" }, null));
    }

    [Fact]
    public void A_label_selector_supports_the_four_operators_and_rejects_unknown_ones()
    {
        V1LabelSelector With(string op, params string[] values) =>
            new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = op, Values = values }] };

        Assert.True(Selectors.Matches(With("In", "front", "back"), Labels));
        Assert.False(Selectors.Matches(With("NotIn", "front"), Labels));
        Assert.True(Selectors.Matches(With("Exists"), Labels));
        Assert.False(Selectors.Matches(With("DoesNotExist"), Labels));
        Assert.False(Selectors.Matches(With("Gt", "1"), Labels));
        Assert.True(Selectors.Matches(new V1LabelSelector(), Labels));
        Assert.True(Selectors.IsEmpty(new V1LabelSelector { MatchLabels = new Dictionary<string, string>() }));
    }
}
