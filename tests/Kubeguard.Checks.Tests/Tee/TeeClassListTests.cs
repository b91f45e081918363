using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Tests.Tee;

/// <summary>The TEE runtime class list extended from a <c>TeeRuntimeClasses</c> file (<c>--tee-classes</c>).</summary>
public sealed class TeeClassListTests
{
    private const string SiteClasses = """
        apiVersion: kubeguard.io/v1alpha1
        kind: TeeRuntimeClasses
        version: acme-1
        classes:
          - pattern: acme-snp(-[a-z0-9]+)?
            kind: tee
            note: "ACME's SEV-SNP node pool, handler installed by the platform team (runbook PLAT-12)."
          - pattern: kata-qemu-snp
            kind: claims-coco
            note: "On ACME's lab cluster this class runs on hardware without SNP firmware."
        """;

    private const string AcmePod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: app}
        spec:
          runtimeClassName: acme-snp-v2
          containers:
          - name: app
            image: registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000
        """;

    [Fact]
    public void A_site_class_is_matched_before_the_built_in_list_and_the_built_in_list_still_applies()
    {
        var (list, errors) = TeeClassList.Parse(SiteClasses);

        Assert.Empty(errors);
        Assert.Equal(TeeClassKind.Tee, list!.Classify("acme-snp-v2")!.Kind);
        Assert.Equal(TeeClassKind.ClaimsCoCo, list.Classify("kata-qemu-snp")!.Kind);
        Assert.Equal(TeeClassKind.Tee, list.Classify("kata-qemu-tdx")!.Kind);
        Assert.Null(list.Classify("runc"));
        Assert.Equal(TeeRuntimeClasses.Version + "+acme-1", list.Version);
        Assert.Equal(TeeClassKind.Tee, TeeClassList.BuiltIn.Classify("kata-qemu-snp")!.Kind);
    }

    [Fact]
    public void A_pod_on_a_site_class_is_tee_intended_only_with_the_file()
    {
        var (objects, readErrors) = ManifestReader.Read(AcmePod, "acme.yaml");
        Assert.Empty(readErrors);
        var inventory = Inventory.From(objects);
        var options = CheckOptions.Default with { TeeClasses = TeeClassList.Parse(SiteClasses).List! };

        var without = InventoryEvaluator.Default.Evaluate(inventory).Where(f => f.Family == CheckFamily.Tee).ToList();
        var with = InventoryEvaluator.Default.Evaluate(inventory, options).Where(f => f.Family == CheckFamily.Tee).ToList();

        Assert.Empty(without.Select(f => f.Message));
        Assert.Contains(with, f => f.CheckId == "tee-002");
        Assert.Single(TeeIntent.Intended(inventory, options.TeeClasses));
        Assert.Empty(TeeIntent.Intended(inventory));
    }

    [Theory]
    [InlineData("kind: tee\n    note: n", "line 5: pattern is required")]
    [InlineData("pattern: x\n    kind: secure\n    note: n", "line 5: kind must be one of tee, depends, claims-coco, kata-no-tee, none, not \"secure\"")]
    [InlineData("pattern: x\n    kind: tee", "line 5: note is required: say why the class means this and where that comes from")]
    [InlineData("pattern: x\n    kind: tee\n    platform: gke\n    note: n", "line 5: platform must be one of upstream, aks, contrast, eks, not \"gke\"")]
    [InlineData("pattern: \"acme-(\"\n    kind: tee\n    note: n", "line 5: pattern \"acme-(\" is not a valid regular expression")]
    [InlineData("pattern: \"(a)\\\\1\"\n    kind: tee\n    note: n", "line 5: pattern \"(a)\\1\" is not a valid regular expression")]
    public void A_bad_entry_is_refused_with_its_line_and_reason(string entry, string error)
    {
        var text = $"apiVersion: kubeguard.io/v1alpha1\nkind: TeeRuntimeClasses\nclasses:\n  -\n    {entry}\n";

        var (list, errors) = TeeClassList.Parse(text);

        Assert.Null(list);
        Assert.StartsWith(error, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_kind_an_empty_list_and_broken_yaml_are_refused()
    {
        var (_, wrong) = TeeClassList.Parse("apiVersion: v1\nkind: ConfigMap\nclasses: []\n");
        var (_, broken) = TeeClassList.Parse("kind: [unclosed\n");

        Assert.Equal(["kind must be TeeRuntimeClasses", "apiVersion must be kubeguard.io/v1alpha1", "classes must be a non-empty list"], wrong);
        Assert.StartsWith("line 2: ", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriting_expectations_replaces_only_the_expect_lines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# tee-099 fire: one change.\n# expect: low | old one\n# expect: high | old two\n# init-data: x\napiVersion: v1\n");

            TeeFixtures.RewriteExpectations(file, ["medium | new (evidence: e)"]);

            Assert.Equal("# tee-099 fire: one change.\n# expect: medium | new (evidence: e)\n# init-data: x\napiVersion: v1\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
