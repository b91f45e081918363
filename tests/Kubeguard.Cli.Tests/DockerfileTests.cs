using System.Text.RegularExpressions;
using Kubeguard.Testing;

namespace Kubeguard.Cli.Tests;

/// <summary>
/// The container recipe cannot be built on the test machines, so these tests read
/// <c>deploy/Dockerfile</c> and check the properties the image must have.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string DockerfilePath = Path.Combine(RepositoryPaths.Root, "deploy", "Dockerfile");

    private static List<Stage> Stages()
    {
        var stages = new List<Stage>();
        foreach (var raw in File.ReadAllLines(DockerfilePath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var instruction = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var argument = space < 0 ? string.Empty : line[(space + 1)..].Trim();
            if (instruction == "FROM")
            {
                var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(parts[0], parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, []));
            }
            else
            {
                Assert.NotEmpty(stages);
                stages[^1].Instructions.Add((instruction, argument));
            }
        }

        return stages;
    }

    [Fact]
    public void The_repository_keeps_one_dockerfile_under_deploy()
    {
        Assert.True(File.Exists(DockerfilePath), "deploy/Dockerfile is missing");
        Assert.False(File.Exists(Path.Combine(RepositoryPaths.Root, "Dockerfile")), "a second Dockerfile at the repository root");
    }

    [Fact]
    public void The_build_is_multi_stage_and_the_runtime_stage_copies_from_the_build_stage()
    {
        var stages = Stages();
        Assert.True(stages.Count >= 2, $"expected a build stage and a runtime stage, found {stages.Count}");
        var names = stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var copies = stages[^1].Instructions.Where(i => i.Instruction == "COPY").Select(i => i.Argument).ToList();
        Assert.Contains(copies, c => c.StartsWith("--from=", StringComparison.Ordinal) && names.Contains(c["--from=".Length..].Split(' ')[0]));
    }

    [Fact]
    public void Every_base_image_is_pinned_to_an_exact_version_or_digest_and_never_latest()
    {
        foreach (var stage in Stages())
        {
            var image = stage.Image;
            Assert.DoesNotContain(":latest", image, StringComparison.OrdinalIgnoreCase);
            var digest = image.IndexOf('@', StringComparison.Ordinal);
            if (digest >= 0)
            {
                Assert.Matches(DigestPattern(), image[(digest + 1)..]);
                continue;
            }

            var colon = image.LastIndexOf(':');
            Assert.True(colon > image.LastIndexOf('/'), $"{image} has no tag");
            Assert.Matches(ExactVersionPattern(), image[(colon + 1)..]);
        }
    }

    [Fact]
    public void The_runtime_base_is_minimal_without_a_shell()
    {
        var image = Stages()[^1].Image;
        Assert.True(image.Contains("chiseled", StringComparison.Ordinal) || image.Contains("distroless", StringComparison.Ordinal), $"{image} is not a chiseled or distroless base");
    }

    [Fact]
    public void The_runtime_stage_runs_as_a_non_root_numeric_user_matching_the_deployment()
    {
        var users = Stages()[^1].Instructions.Where(i => i.Instruction == "USER").Select(i => i.Argument).ToList();
        Assert.NotEmpty(users);
        var match = NumericUserPattern().Match(users[^1]);
        Assert.True(match.Success, $"USER {users[^1]} is not a numeric UID");
        var uid = int.Parse(match.Groups["uid"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(0, uid);

        var deployment = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "deployment.yaml"));
        Assert.Contains($"runAsUser: {uid}", deployment, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem: true", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_stage_needs_no_shell_to_start()
    {
        var runtime = Stages()[^1].Instructions;
        Assert.DoesNotContain(runtime, i => i.Instruction == "RUN");
        var entry = runtime.Where(i => i.Instruction is "ENTRYPOINT" or "CMD").ToList();
        Assert.Contains(entry, i => i.Instruction == "ENTRYPOINT");
        Assert.All(entry, i => Assert.StartsWith("[", i.Argument, StringComparison.Ordinal));
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$")]
    private static partial Regex ExactVersionPattern();

    [GeneratedRegex(@"^(?<uid>\d+)(:\d+)?$")]
    private static partial Regex NumericUserPattern();

    private sealed record Stage(string Image, string? Name, List<(string Instruction, string Argument)> Instructions);
}
