namespace Kubeguard.Checks.Tests;

/// <summary>
/// Every check has manifests under tests/fixtures/checks/&lt;check-id&gt;/: <c>fire-*.yaml</c>
/// lists the exact findings it must produce in <c># expect: subject | path | message</c> lines, in
/// report order; <c>dont-fire-*.yaml</c> must produce none. <c># options: key=value</c> lines set
/// run options (allowed-registries, max-projected-token-seconds).
/// </summary>
public sealed class FixtureTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CheckFixtures.Checks, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CheckFixtures.Checks, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_fixture_produces_exactly_the_findings_its_name_and_header_promise(string relative)
    {
        // Given
        var checkId = relative.Split('/')[0];
        var name = Path.GetFileName(relative);
        var text = File.ReadAllText(Path.Combine(CheckFixtures.Checks, relative));
        var expected = Header(text, "# expect:").Select(Normalize).ToList();
        var inventory = ManifestReader.Inventory(text, name);

        // When
        var actual = InventoryEvaluator.Default.Evaluate(inventory, Options(text))
            .Where(f => f.CheckId == checkId)
            .Select(f => $"{f.Subject} | {f.JsonPath} | {f.Message}")
            .ToList();

        // Then
        Assert.NotNull(BuiltInChecks.Find(checkId));
        if (name.StartsWith("fire-", StringComparison.Ordinal))
        {
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
        else
        {
            Assert.StartsWith("dont-fire-", name, StringComparison.Ordinal);
            Assert.Empty(expected);
            Assert.Empty(actual);
        }
    }

    internal static IEnumerable<string> Header(string text, string prefix) =>
        text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim());

    private static string Normalize(string line) => string.Join(" | ", line.Split('|').Select(p => p.Trim()));

    private static CheckOptions Options(string text)
    {
        var options = CheckOptions.Default;
        foreach (var line in Header(text, "# options:"))
        {
            var (key, value) = (line[..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            options = key switch
            {
                "allowed-registries" => options with { AllowedRegistries = [.. value.Split(',')] },
                "max-projected-token-seconds" => options with { MaxProjectedTokenSeconds = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new InvalidOperationException($"unknown fixture option {key}"),
            };
        }

        return options;
    }
}
