using Kubeguard.Checks.Tee;
using Kubeguard.Testing;

namespace Kubeguard.Checks.Tests.Tee;

/// <summary>
/// Every TEE fixture: a <c>fire</c> fixture lists its findings for its check in
/// <c># expect: severity | message fragment</c> lines, in report order, and must produce exactly
/// those; a <c>dont-fire</c> fixture must produce none for its check. With <c>UPDATE_GOLDEN=1</c>
/// a fire fixture's expectation lines are rewritten from what its check reports (full messages),
/// to be reviewed in the diff; a dont-fire fixture that fires still fails.
/// </summary>
public sealed class TeeFixtureTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in TeeFixtures.All())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_tee_fixture_produces_exactly_the_findings_its_folder_and_header_promise(string relative)
    {
        // Given
        var parts = relative.Split('/');
        var (checkId, kind) = (parts[0], parts[1]);
        var text = TeeFixtures.Load(Path.Combine(TeeFixtures.Root, relative));
        var expected = FixtureTests.Header(text, "# expect:").Select(l => l.Split('|', 2)).Select(p => (Severity: p[0].Trim(), Fragment: p[1].Trim())).ToList();

        // When
        var findings = InventoryEvaluator.Default.Evaluate(TeeFixtures.Inventory(text, relative)).Where(f => f.CheckId == checkId).ToList();

        // Then
        Assert.NotNull(BuiltInChecks.Find(checkId));
        if (kind == "fire" && Golden.Updating && findings.Count > 0)
        {
            TeeFixtures.RewriteExpectations(Path.Combine(TeeFixtures.Root, relative), findings.Select(f => $"{f.Severity.ToWireString()} | {f.Message}"));
            expected = [.. findings.Select(f => (Severity: f.Severity.ToWireString(), Fragment: f.Message))];
        }

        if (kind == "fire")
        {
            Assert.NotEmpty(expected);
            Assert.True(expected.Count == findings.Count, $"expected {expected.Count} findings, got: {string.Join(" / ", findings.Select(f => $"{f.Severity.ToWireString()} | {f.Message}"))}");
            foreach (var (want, got) in expected.Zip(findings))
            {
                Assert.Equal(want.Severity, got.Severity.ToWireString());
                Assert.Contains(want.Fragment, got.Message, StringComparison.Ordinal);
                Assert.Contains("(evidence: ", got.Message, StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Equal("dont-fire", kind);
            Assert.Empty(expected);
            Assert.Empty(findings.Select(f => f.Message));
        }
    }

    [Fact]
    public void The_base_tee_pod_triggers_no_tee_check_and_is_tee_intended()
    {
        var text = TeeFixtures.Load(Path.Combine(TeeFixtures.Root, "base.yaml"));
        var inventory = TeeFixtures.Inventory(text, "base.yaml");

        var findings = InventoryEvaluator.Default.Evaluate(inventory).Where(f => f.Family == CheckFamily.Tee);

        Assert.Empty(findings.Select(f => $"{f.CheckId}: {f.Message}"));
        var pod = Assert.Single(TeeIntent.Intended(inventory));
        Assert.Equal("handler resolved from the RuntimeClass object", pod.Evidence);
    }

    [Fact]
    public void Every_tee_check_has_a_fire_and_a_dont_fire_fixture_and_every_fixture_folder_is_a_tee_check()
    {
        var teeChecks = BuiltInChecks.All.Where(c => c.Family == CheckFamily.Tee).Select(c => c.Id).ToList();
        var files = TeeFixtures.All().ToList();

        Assert.Equal(14, teeChecks.Count);
        foreach (var id in teeChecks)
        {
            Assert.Contains(files, f => f.StartsWith($"{id}/fire/", StringComparison.Ordinal));
            Assert.Contains(files, f => f.StartsWith($"{id}/dont-fire/", StringComparison.Ordinal));
        }

        Assert.All(files, f => Assert.Contains(f.Split('/')[0], teeChecks));
        Assert.All(files, f => Assert.Contains(f.Split('/')[1], new[] { "fire", "dont-fire" }));
    }

    [Fact]
    public void Every_init_data_toml_beside_a_fixture_is_used_by_it()
    {
        foreach (var toml in Directory.EnumerateFiles(TeeFixtures.Root, "*.initdata.toml", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "base.initdata.toml"))
        {
            var yaml = toml[..^".initdata.toml".Length] + ".yaml";
            Assert.True(File.Exists(yaml), $"{toml} has no fixture");
            Assert.Contains("${INITDATA}", File.ReadAllText(yaml), StringComparison.Ordinal);
        }
    }
}
