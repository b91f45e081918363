using System.CommandLine;
using Kubeguard.Checks;
using Kubeguard.Cli.Commands;
using Kubeguard.Reporting;

namespace Kubeguard.Cli.Tests;

public sealed class BeyondPssOptionsCliTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static ParseResult Parse(params string[] args)
    {
        var command = new Command("probe");
        foreach (var option in BeyondPssOptionsCli.All)
        {
            command.Options.Add(option);
        }

        return new RootCommand { command }.Parse(["probe", .. args]);
    }

    [Fact]
    public void Families_and_registries_are_read_repeated_or_comma_separated()
    {
        var parse = Parse("--checks", "rbac,supply-chain", "--allowed-registries", "quay.io", "--allowed-registries", "ghcr.io/acme");

        var options = BeyondPssOptionsCli.From(parse, SeverityOverrides.None, Today);

        Assert.Empty(parse.Errors);
        Assert.True(options.Enabled);
        Assert.Equal([CheckFamily.SupplyChain, CheckFamily.Rbac], options.Checks.Families.Order());
        Assert.Equal(["quay.io", "ghcr.io/acme"], options.Checks.AllowedRegistries.ToArray());
        Assert.Equal(Today, options.Today);
    }

    [Fact]
    public void Without_options_every_family_runs_and_no_beyond_pss_switches_them_off()
    {
        Assert.Equal(CheckFamilies.All.Count, BeyondPssOptionsCli.From(Parse(), SeverityOverrides.None, Today).Checks.Families.Count);
        Assert.False(BeyondPssOptionsCli.From(Parse("--no-beyond-pss"), SeverityOverrides.None, Today).Enabled);
    }

    [Fact]
    public void An_unknown_family_or_a_missing_exemptions_file_is_a_parse_error()
    {
        Assert.Contains(Parse("--checks", "pss").Errors, e => e.Message.StartsWith("unknown check family \"pss\"", StringComparison.Ordinal));
        Assert.Contains(Parse("--exemptions", "no-such-file.yaml").Errors, e => e.Message.StartsWith("exemptions file not found", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exemptions_file_is_read_with_its_name_for_error_locations()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kubeguard-exemptions-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            apiVersion: kubeguard.io/v1alpha1
            kind: Exemptions
            exemptions:
              - check: rbac-wildcard
                name: argocd-application-controller
                reason: Argo CD manages every kind by design
                owner: platform
                expires: 2027-06-30
              - check: rbac-wildcard
                reason: no key
                owner: platform
                expires: 2027-06-30
            """);
        try
        {
            var options = BeyondPssOptionsCli.From(Parse("--exemptions", file), SeverityOverrides.None, Today);

            Assert.Single(options.Exemptions.Exemptions);
            Assert.Equal($"{file}:9", Assert.Single(options.Exemptions.Problems).Source);
            Assert.Equal(file, options.ExemptionsFile);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_tee_classes_file_extends_the_class_list_and_a_bad_one_is_a_usage_error_with_its_line()
    {
        var good = Path.Combine(Path.GetTempPath(), $"kubeguard-tee-classes-{Guid.NewGuid():N}.yaml");
        var bad = Path.Combine(Path.GetTempPath(), $"kubeguard-tee-classes-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(good, """
            apiVersion: kubeguard.io/v1alpha1
            kind: TeeRuntimeClasses
            classes:
              - pattern: acme-snp
                kind: tee
                note: ACME's SNP pool (runbook PLAT-12).
            """);
        File.WriteAllText(bad, """
            apiVersion: kubeguard.io/v1alpha1
            kind: TeeRuntimeClasses
            classes:
              - pattern: acme-snp
                kind: tee
            """);
        try
        {
            var parse = Parse("--tee-classes", good);
            var options = BeyondPssOptionsCli.From(parse, SeverityOverrides.None, Today);
            var refused = Parse("--tee-classes", bad);

            Assert.Empty(parse.Errors);
            Assert.Equal(Kubeguard.Checks.Tee.TeeClassKind.Tee, options.Checks.TeeClasses.Classify("acme-snp")!.Kind);
            Assert.Equal($"{bad}: line 4: note is required: say why the class means this and where that comes from", Assert.Single(refused.Errors).Message);
            Assert.Single(Parse("--tee-classes", "/nonexistent/classes.yaml").Errors);
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }
}
