using System.Reflection;
using Kubeguard.Policy.Tests.Fixtures;

namespace Kubeguard.Policy.Tests;

public sealed class CatalogTests
{
    private static IEnumerable<Check> CheckClassDefinitions() =>
        typeof(Check).Assembly.GetTypes()
            .Where(t => t.Namespace == "Kubeguard.Policy.Checks")
            .Select(t => t.GetProperty("Definition", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(p => p is not null && p.PropertyType == typeof(Check))
            .Select(p => (Check)p!.GetValue(null)!);

    [Fact]
    public void The_built_in_catalog_is_valid()
    {
        Assert.Empty(CatalogValidation.Problems(CheckCatalog.BuiltIn));
        Assert.Equal(19, CheckCatalog.BuiltIn.Length);
    }

    [Fact]
    public void Every_check_class_with_a_definition_is_in_the_catalog()
    {
        var classes = CheckClassDefinitions().ToList();
        Assert.Equal(19, classes.Count);
        Assert.Equal(
            classes.Select(c => c.Id).Order(StringComparer.Ordinal),
            CheckCatalog.BuiltIn.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(classes, c => Assert.Contains(c, CheckCatalog.BuiltIn));
    }

    [Fact]
    public void The_catalog_lists_checks_in_ordinal_id_order()
    {
        var ids = CheckCatalog.BuiltIn.Select(c => c.Id).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Find_returns_a_check_by_its_exact_id_only()
    {
        Assert.Same(CheckCatalog.BuiltIn[0], CheckCatalog.Find(CheckCatalog.BuiltIn[0].Id));
        Assert.Equal("seLinuxOptions", CheckCatalog.Find("seLinuxOptions")?.Id);
        Assert.Null(CheckCatalog.Find("selinuxoptions"));
        Assert.Null(CheckCatalog.Find(string.Empty));
    }

    [Fact]
    public void Every_check_has_a_summary_remediation_and_fields_in_sentences()
    {
        Assert.All(CheckCatalog.BuiltIn, check =>
        {
            Assert.False(string.IsNullOrWhiteSpace(check.Summary), $"{check.Id} has no summary");
            Assert.True(check.Summary.EndsWith('.'), $"{check.Id}: the summary must end with a period");
            Assert.False(string.IsNullOrWhiteSpace(check.Remediation), $"{check.Id} has no remediation");
            Assert.True(check.Remediation.EndsWith('.'), $"{check.Id}: the remediation must end with a period");
            Assert.NotEmpty(check.Fields);
            Assert.All(check.Fields, f => Assert.True(
                f.StartsWith("spec.", StringComparison.Ordinal) || f.StartsWith("metadata.annotations[", StringComparison.Ordinal),
                $"{check.Id}: field {f} is not a pod path"));
            Assert.Equal(check.Fields.Length, check.Fields.Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Fact]
    public void Overrides_point_at_real_baseline_checks_and_come_only_from_restricted_checks()
    {
        var baseline = CheckCatalog.BuiltIn.Where(c => c.Level == Level.Baseline).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var overrides = 0;
        foreach (var check in CheckCatalog.BuiltIn)
        {
            foreach (var version in check.Versions.Where(v => !v.Overrides.IsDefaultOrEmpty))
            {
                Assert.Equal(Level.Restricted, check.Level);
                Assert.All(version.Overrides, id => Assert.Contains(id, baseline));
                overrides += version.Overrides.Length;
            }
        }

        // capabilities_restricted (2 versions), procMount_restricted, restrictedVolumes, seccompProfile_restricted (2 versions)
        Assert.Equal(6, overrides);
    }

    [Fact]
    public void Every_check_has_generated_pass_and_fail_fixtures()
    {
        var generated = GeneratedFixtures.All().Select(f => f.RelativePath).ToList();
        Assert.All(CheckCatalog.BuiltIn, check =>
        {
            var prefix = check.Id.ToLowerInvariant();
            bool Has(string outcome) => generated.Any(p =>
                p.Split('/') is [_, _, var o, var file] && o == outcome && file.StartsWith(prefix, StringComparison.Ordinal)
                && file[prefix.Length..^".yaml".Length].All(char.IsAsciiDigit));
            Assert.True(Has("pass"), $"{check.Id} has no generated pass fixture");
            Assert.True(Has("fail"), $"{check.Id} has no generated fail fixture");
        });
    }

    [Fact]
    public void Every_check_version_has_a_generator_and_golden_files()
    {
        foreach (var check in CheckCatalog.BuiltIn)
        {
            foreach (var version in check.Versions)
            {
                Assert.Contains(version.MinimumVersion, GeneratedFixtures.InterestingVersions);
                Assert.NotNull(GeneratedFixtures.GeneratorFor(check.Id, version.MinimumVersion));
            }
        }
    }
}
