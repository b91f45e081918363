using System.Text;
using Kubeguard.Fix.Planning;

namespace Kubeguard.Fix.Tests;

/// <summary>Golden before/after files for every edit operation across a matrix of YAML styles.</summary>
public sealed class GoldenTests
{
    private static readonly string[] KnownFiles = ["input.yaml", "expected.yaml", "args.txt"];

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void The_fixed_file_matches_the_golden_file_byte_for_byte(string name)
    {
        var scenario = Scenario.Named(name);
        var result = scenario.Run();
        Assert.Null(result.VerificationFailure);
        if (Scenario.UpdateGolden)
        {
            File.WriteAllBytes(scenario.ExpectedPath, result.Output);
        }

        Assert.True(File.Exists(scenario.ExpectedPath), $"{scenario.ExpectedPath} is missing (run with UPDATE_GOLDEN=1)");
        var expected = File.ReadAllBytes(scenario.ExpectedPath);
        if (!expected.AsSpan().SequenceEqual(result.Output))
        {
            File.WriteAllBytes(Path.Combine(scenario.Folder, "expected.received.yaml"), result.Output);
            Assert.Fail($"{name}: output differs from expected.yaml; see expected.received.yaml");
        }
    }

    [Fact]
    public void Every_scenario_folder_has_an_input_and_an_expected_file_and_nothing_else()
    {
        var scenarios = Scenario.All().ToList();
        Assert.True(scenarios.Count >= 20, $"only {scenarios.Count} scenarios");
        foreach (var scenario in scenarios)
        {
            var files = Directory.GetFiles(scenario.Folder).Select(Path.GetFileName).Where(f => !f!.Contains(".received.", StringComparison.Ordinal)).ToList();
            Assert.Contains("input.yaml", files);
            Assert.Contains("expected.yaml", files);
            Assert.All(files, f => Assert.Contains(f, KnownFiles));
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Fixing_the_expected_file_again_changes_nothing(string name)
    {
        var scenario = Scenario.Named(name);
        var expected = File.ReadAllBytes(scenario.ExpectedPath);
        var again = FixEngine.Fix(name, expected, scenario.Options);
        Assert.True(expected.AsSpan().SequenceEqual(again.Output), $"{name}: a second run changed the file");
        Assert.DoesNotContain(again.Workloads.SelectMany(w => w.Actions), a => a.Status == ActionStatus.Applied);
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Refusals_and_passing_files_stay_byte_identical_and_say_why(string name)
    {
        var scenario = Scenario.Named(name);
        var result = scenario.Run();
        if (!scenario.MustStayUnchanged)
        {
            Assert.True(result.Changed, $"{name}: expected an edit");
            return;
        }

        Assert.False(result.Changed);
        Assert.True(scenario.Input.AsSpan().SequenceEqual(File.ReadAllBytes(scenario.ExpectedPath)));
        if (name.StartsWith("refuse-", StringComparison.Ordinal))
        {
            var problem = Assert.Single(result.Workloads).Problem;
            Assert.NotNull(problem);
            Assert.StartsWith("refused: ", problem, StringComparison.Ordinal);
            Assert.Matches(@"\(line \d+\)$", problem);
        }
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Encoding_line_endings_final_newline_and_comments_are_kept(string name)
    {
        var scenario = Scenario.Named(name);
        var input = scenario.Input;
        var output = scenario.Run().Output;
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        Assert.Equal(input.AsSpan().StartsWith(bom), output.AsSpan().StartsWith(bom));
        var before = Encoding.UTF8.GetString(input);
        var after = Encoding.UTF8.GetString(output);
        Assert.Equal(before.EndsWith('\n'), after.EndsWith('\n'));
        if (before.Contains("\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(after.Count(c => c == '\n'), after.Split("\r\n").Length - 1);
        }

        var removes = scenario.Run().Workloads.SelectMany(w => w.Actions).Any(a => a.Status == ActionStatus.Applied && a.Operation == "remove");
        var comments = Lines(before).Select(l => l.TrimStart().StartsWith('#') ? l : l.Contains(" #", StringComparison.Ordinal) ? l[l.IndexOf(" #", StringComparison.Ordinal)..] : null).OfType<string>();
        Assert.All(comments, c => Assert.True(removes || after.Contains(c, StringComparison.Ordinal), $"{name}: comment line lost: {c}"));
    }

    [Theory]
    [MemberData(nameof(Scenario.Names), MemberType = typeof(Scenario))]
    public void Only_lines_of_applied_actions_differ(string name)
    {
        var scenario = Scenario.Named(name);
        var result = scenario.Run();
        var applied = result.Workloads.SelectMany(w => w.Actions).Where(a => a.Status == ActionStatus.Applied).ToList();
        var before = Lines(result.OriginalText);
        var after = Lines(result.OutputText);
        var kept = Lcs(before, after);
        var removedOrChanged = before.Count - kept;
        var map = new Yaml.LineMap(result.OriginalText);
        var touched = new HashSet<int>();
        foreach (var edit in result.Edits.Where(e => e.End > e.Start || map.ColumnOf(e.Start) != 0))
        {
            for (var line = map.LineOf(edit.Start); line <= map.LineOf(Math.Max(edit.Start, edit.End - 1)); line++)
            {
                touched.Add(line);
            }
        }

        var expectedRemovedOrChanged = touched.Count;
        Assert.True(applied.Count > 0 || result.Edits.Count == 0);
        Assert.True(removedOrChanged <= expectedRemovedOrChanged, $"{name}: {removedOrChanged} original lines changed, but only {expectedRemovedOrChanged} were planned");
    }

    private static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];

    private static int Lcs(List<string> a, List<string> b)
    {
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
