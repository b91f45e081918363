using System.Reflection;
using Kubeguard.Checks.Docs;
using Kubeguard.Testing;

namespace Kubeguard.Checks.Tests;

/// <summary>Meta-tests that keep the registry, the fixtures and the docs honest.</summary>
public sealed class CatalogTests
{
    [Fact]
    public void The_built_in_catalog_and_severity_table_are_valid()
    {
        var problems = CatalogValidation.Problems(BuiltInChecks.All, SeverityTable.Default, Policy.CheckCatalog.BuiltIn.Select(c => c.Id));

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_check_class_in_the_library_is_registered_exactly_once()
    {
        var definitions = typeof(BuiltInChecks).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Kubeguard.Checks.", StringComparison.Ordinal) == true)
            .Select(t => t.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(InventoryCheck))
            .Select(p => ((InventoryCheck)p!.GetValue(null)!).Id)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(definitions, BuiltInChecks.All.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal(37, definitions.Count);
    }

    [Fact]
    public void Every_check_has_fire_and_dont_fire_fixtures_and_no_fixture_folder_is_orphaned()
    {
        var folders = Directory.GetDirectories(CheckFixtures.Checks).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(BuiltInChecks.All.Where(c => c.Family != CheckFamily.Tee).Select(c => c.Id).Order(StringComparer.Ordinal), folders);

        foreach (var check in BuiltInChecks.All.Where(c => c.Family != CheckFamily.Tee)) // tee fixtures: tests/fixtures/tee (TeeFixtureTests)
        {
            var files = Directory.GetFiles(Path.Combine(CheckFixtures.Checks, check.Id)).Select(Path.GetFileName).Where(f => !Fixtures.IsReceivedFile(f!)).ToList();
            Assert.Contains(files, f => f!.StartsWith("fire-", StringComparison.Ordinal));
            Assert.Contains(files, f => f!.StartsWith("dont-fire-", StringComparison.Ordinal));
            Assert.All(files, f => Assert.Matches("^(fire|dont-fire)-[a-z0-9-]+\\.yaml$", f));
        }
    }

    [Fact]
    public void Every_rationale_and_fix_is_prose_ending_in_a_period()
    {
        Assert.All(BuiltInChecks.All, c =>
        {
            Assert.EndsWith(".", c.Rationale, StringComparison.Ordinal);
            Assert.EndsWith(".", c.Fix, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(c.Title));
            Assert.DoesNotContain('\n', c.Rationale);
        });
    }

    [Fact]
    public void Every_family_has_at_least_one_check_and_ids_never_clash_with_pod_security_ids()
    {
        Assert.All(CheckFamilies.All, f => Assert.Contains(BuiltInChecks.All, c => c.Family == f));
        var pss = Policy.CheckCatalog.BuiltIn.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(BuiltInChecks.All, c => pss.Contains(c.Id));
    }

    [Fact]
    public void An_invalid_catalog_is_rejected_with_every_problem_listed()
    {
        var bad = BuiltInChecks.All[0] with { Id = "Not_Kebab", Fix = "no period" };

        var error = Assert.Throws<InvalidCheckCatalogException>(() => new InventoryEvaluator([bad, bad], SeverityTable.Default));

        Assert.Contains("check ID \"Not_Kebab\" is not kebab-case", error.Problems);
        Assert.Contains("check ID \"Not_Kebab\" is registered twice", error.Problems);
        Assert.Contains("check \"Not_Kebab\" fix must be a sentence ending in a period", error.Problems);
        Assert.Contains("check \"Not_Kebab\" has no default severity", error.Problems);
        Assert.Contains("severity table names unknown check \"rbac-wildcard\"", error.Problems);
    }

    [Fact]
    public void The_generated_docs_match_the_catalog()
    {
        var markdown = CheckDocs.Markdown(BuiltInChecks.All, SeverityTable.Default);

        Golden.AssertFileMatches(Path.Combine(Fixtures.RepositoryRoot, "docs", "checks-beyond-pss.md"), markdown);
    }
}
