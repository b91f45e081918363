using Kubeguard.Testing;

namespace Kubeguard.Policy.Tests;

/// <summary><c>docs/checks.md</c> is generated from the catalog; rerun with <c>UPDATE_GOLDEN=1</c> after changing a check.</summary>
public sealed class DocsTests
{
    [Fact]
    public void The_checks_reference_is_generated_from_the_catalog() =>
        Golden.AssertFileMatches(Path.Combine(Kubeguard.Testing.Fixtures.RepositoryRoot, "docs", "checks.md"), CatalogDocs.ToMarkdown());

    [Fact]
    public void The_reference_names_every_check_with_its_level_versions_and_remediation()
    {
        var markdown = CatalogDocs.ToMarkdown();
        foreach (var check in CheckCatalog.BuiltIn)
        {
            Assert.Contains($"\n## {check.Id}\n", markdown, StringComparison.Ordinal);
            Assert.Contains($"- Level: {check.Level.ToWireString()}\n", markdown, StringComparison.Ordinal);
            Assert.Contains($"- Remediation: {check.Remediation}\n", markdown, StringComparison.Ordinal);
            Assert.Contains("- Versions: " + string.Join(", ", check.Versions.Select(v => v.MinimumVersion.ToString())) + "\n", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("- From v1.22 replaces: `capabilities_baseline`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_synthetic_catalog_renders_only_its_checks()
    {
        var markdown = CatalogDocs.ToMarkdown([new Check("only", Level.Baseline, [new(PolicyVersion.Of(1, 3), (_, _) => CheckResult.Allow)]) { Summary = "A | B.", Remediation = "Do it.", Fields = ["spec.x"] }]);
        Assert.Contains("| [`only`](#only) | baseline | v1.3 | A \\| B. |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("newest policy version is `v1.3`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("hostPorts", markdown, StringComparison.Ordinal);
    }
}
