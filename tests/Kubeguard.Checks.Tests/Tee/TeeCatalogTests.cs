using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Tests.Tee;

public sealed class TeeCatalogTests
{
    [Fact]
    public void The_tee_class_lists_do_not_overlap_between_tee_and_claims_coco()
    {
        var samples = new[]
        {
            "kata-qemu-snp", "kata-qemu-tdx-runtime-rs", "kata-qemu-se", "kata-qemu-nvidia-gpu-snp", "kata-cc-isolation", "contrast-cc-aks-clh-snp-1a2b", "confidential-sandbox",
            "kata-qemu-coco-dev", "kata-qemu-snp-debug", "kata-clh-devkit", "enclave-cc", "kata-remote", "kata", "kata-qemu", "runc",
        };

        foreach (var name in samples)
        {
            var kinds = TeeRuntimeClasses.Entries.Where(e => e.Matches(name)).Select(e => e.Kind).Distinct().ToList();
            Assert.False(kinds.Contains(TeeClassKind.Tee) && kinds.Contains(TeeClassKind.ClaimsCoCo), $"{name} is both TEE and claims-CoCo");
        }

        Assert.Equal(TeeClassKind.ClaimsCoCo, TeeRuntimeClasses.Classify("kata-qemu-snp-debug")?.Kind);
        Assert.Equal(TeeClassKind.Tee, TeeRuntimeClasses.Classify("kata-qemu-snp")?.Kind);
        Assert.Equal(TeeClassKind.KataNoTee, TeeRuntimeClasses.Classify("kata")?.Kind);
        Assert.Null(TeeRuntimeClasses.Classify("runc"));
        Assert.All(TeeRuntimeClasses.Entries, e => Assert.EndsWith(".", e.Note, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_tee_check_has_a_period_ended_fix_and_every_sub_case_severity_names_a_tee_check()
    {
        var tee = BuiltInChecks.All.Where(c => c.Family == CheckFamily.Tee).ToList();

        Assert.All(tee, c => Assert.EndsWith(".", c.Fix, StringComparison.Ordinal));
        Assert.All(tee, c => Assert.Matches("^tee-0[0-9]{2}$", c.Id));
        Assert.All(TeeSeverities.SubCases.Keys, k => Assert.Contains(tee, c => k.StartsWith(c.Id + "/", StringComparison.Ordinal)));
        Assert.All(tee, c => Assert.Contains(TeeSeverities.SubCases.Keys, k => k.StartsWith(c.Id + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_sub_case_a_tee_check_names_has_a_severity()
    {
        // The sub-case keys are written as literals in the check files; each must resolve.
        var dir = Path.Combine(Kubeguard.Testing.Fixtures.RepositoryRoot, "src", "Kubeguard.Checks", "Checks", "Tee");
        var used = Directory.EnumerateFiles(dir, "*.cs")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"(tee-0[0-9]{2}/[a-z-]+)\"").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.All(used, k => Assert.True(TeeSeverities.SubCases.ContainsKey(k), $"{k} has no severity"));
        Assert.All(TeeSeverities.SubCases.Keys, k => Assert.Contains(k, used));
    }

    [Fact]
    public void A_user_override_of_a_tee_check_severity_applies_to_every_sub_case()
    {
        var text = TeeFixtures.Load(Path.Combine(TeeFixtures.Root, "tee-001", "fire", "kata-remote.yaml"));
        var inventory = TeeFixtures.Inventory(text, "kata-remote.yaml");
        var severities = SeverityTable.Default.With([new("tee-001", Severity.Low)], out var errors);

        var byDefault = InventoryEvaluator.Default.Evaluate(inventory).Single(f => f.CheckId == "tee-001");
        var overridden = InventoryEvaluator.Default.Evaluate(inventory, CheckOptions.Default with { Severities = severities }).Single(f => f.CheckId == "tee-001");

        Assert.Empty(errors);
        Assert.Equal(Severity.Info, byDefault.Severity);
        Assert.Equal(Severity.Low, overridden.Severity);
    }
}
