using System.Collections.Immutable;

namespace Kubeguard.Checks.Tests;

public sealed class EvaluatorTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          namespace: ns
        spec:
          containers:
            - name: c
              image: nginx
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: all
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
        """;

    [Fact]
    public void A_family_switched_off_produces_no_findings_and_the_others_still_run()
    {
        var inventory = ManifestReader.Inventory(Manifest);
        var options = CheckOptions.Default with { Families = [CheckFamily.Rbac] };

        var findings = InventoryEvaluator.Default.Evaluate(inventory, options);

        Assert.Equal(["rbac-wildcard"], findings.Select(f => f.CheckId));
        Assert.Contains(InventoryEvaluator.Default.Evaluate(inventory), f => f.Family == CheckFamily.SupplyChain);
    }

    [Fact]
    public void Severities_come_from_the_table_and_an_override_changes_only_its_check()
    {
        var inventory = ManifestReader.Inventory(Manifest);
        var table = SeverityTable.Default.With([new("rbac-wildcard", Severity.Low), new("no-such-check", Severity.High)], out var errors);

        var findings = InventoryEvaluator.Default.Evaluate(inventory, CheckOptions.Default with { Severities = table });

        Assert.Equal(["unknown check \"no-such-check\" in severity overrides"], errors);
        Assert.Equal(Severity.Low, findings.Single(f => f.CheckId == "rbac-wildcard").Severity);
        Assert.Equal(Severity.Medium, findings.Single(f => f.CheckId == "image-mutable-tag").Severity);
        Assert.Equal(Severity.High, SeverityTable.Default["rbac-wildcard"]);
    }

    [Fact]
    public void Findings_follow_catalog_order_then_location_and_carry_the_fix_text()
    {
        var findings = InventoryEvaluator.Default.Evaluate(ManifestReader.Inventory(Manifest));

        var order = BuiltInChecks.All.Select(c => c.Id).ToList();
        Assert.Equal(findings.Select(f => order.IndexOf(f.CheckId)).Order(), findings.Select(f => order.IndexOf(f.CheckId)));
        Assert.All(findings, f => Assert.Equal(BuiltInChecks.Find(f.CheckId)!.Fix, f.Fix));
        Assert.Equal(new SourceLocation("test.yaml", 1), findings[0].Location);
    }

    [Fact]
    public void The_same_input_gives_the_same_findings_in_the_same_order()
    {
        var first = InventoryEvaluator.Default.Evaluate(ManifestReader.Inventory(Manifest));
        var second = InventoryEvaluator.Default.Evaluate(ManifestReader.Inventory(Manifest));

        Assert.Equal(first.ToList(), second.ToList());
        Assert.NotEmpty(first);
    }

    [Fact]
    public void Family_names_parse_from_their_kebab_case_wire_form()
    {
        Assert.True(CheckFamilies.TryParse("Encryption-In-Transit", out var family));
        Assert.Equal(CheckFamily.EncryptionInTransit, family);
        Assert.False(CheckFamilies.TryParse("pss", out _));
        Assert.Equal(["supply-chain", "workload-identity", "network-exposure", "encryption-in-transit", "rbac", "tee"], CheckFamilies.All.Select(f => f.ToWireString()));
        Assert.True(Severities.TryParse("CRITICAL", out var severity));
        Assert.Equal(Severity.Critical, severity);
    }

    [Fact]
    public void An_allowed_registries_option_turns_the_registry_check_on()
    {
        var inventory = ManifestReader.Inventory(Manifest);

        var without = InventoryEvaluator.Default.Evaluate(inventory);
        var with = InventoryEvaluator.Default.Evaluate(inventory, CheckOptions.Default with { AllowedRegistries = ImmutableArray.Create("quay.io") });

        Assert.DoesNotContain(without, f => f.CheckId == "image-registry-not-allowed");
        Assert.Single(with, f => f.CheckId == "image-registry-not-allowed");
    }
}
