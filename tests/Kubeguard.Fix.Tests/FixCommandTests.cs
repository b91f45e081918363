using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Cli;
using Kubeguard.Cli.Commands;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Tests;

/// <summary><c>kubeguard fix</c> in process: modes, outputs, exit codes, and <c>git apply</c> of its diffs.</summary>
public sealed class FixCommandTests : IDisposable
{
    private static readonly string[] Inputs =
    [
        "restricted-deployment-comments-2space-compact", "restricted-crlf", "restricted-bom-crlf-no-final-newline",
        "restricted-multidoc-separator-comments", "restricted-pod-4space-dash-gap", "refuse-anchor-on-path", "pass-already-restricted-unchanged",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("kubeguard-fix-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Tree(string folder = "repo")
    {
        var tree = Path.Combine(_root, folder);
        foreach (var name in Inputs)
        {
            Directory.CreateDirectory(Path.Combine(tree, "manifests", name));
            File.Copy(Scenario.Named(name).InputPath, Path.Combine(tree, "manifests", name, "app.yaml"));
        }

        return tree;
    }

    private static Dictionary<string, string> Checksums(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.git/", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static async Task<(int Code, string Out, string Err)> Run(string baseDirectory, FixMode mode, string format = "table", string? outputDir = null, Stream? stdin = null, params string[] paths)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var request = new FixRequest
        {
            Paths = paths.Length == 0 ? ["."] : paths,
            Options = new FixOptions { Target = new LevelVersion(Level.Restricted, PolicyVersion.Latest) },
            Mode = mode,
            Format = format,
            OutputDir = outputDir,
            BaseDirectory = baseDirectory,
        };
        var code = await FixCommand.RunAsync(request, stdout, stderr, () => stdin ?? Stream.Null, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.email=test@example.invalid", "-c", "user.name=test", "-c", "core.autocrlf=false" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {output}");
        return output;
    }

    [Fact]
    public async Task A_dry_run_and_a_diff_leave_every_input_byte_identical()
    {
        var tree = Tree();
        var before = Checksums(tree);
        var dry = await Run(tree, FixMode.DryRun);
        var diff = await Run(tree, FixMode.Diff);
        Assert.Equal(before, Checksums(tree));
        Assert.Contains("dry run: nothing written", dry.Out, StringComparison.Ordinal);
        Assert.Contains("allowPrivilegeEscalation", dry.Out, StringComparison.Ordinal);
        Assert.StartsWith("diff --git a/manifests/", diff.Out, StringComparison.Ordinal);
        Assert.Contains("diff printed; nothing written", diff.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Git_apply_of_the_diff_gives_the_same_bytes_as_write()
    {
        var applied = Tree();
        Git(applied, "init", "-q", ".");
        Git(applied, "add", "-A");
        Git(applied, "commit", "-qm", "before");
        var diff = await Run(applied, FixMode.Diff);
        var patch = Path.Combine(_root, "fix.patch");
        await File.WriteAllTextAsync(patch, diff.Out);
        Git(applied, "apply", "--check", patch);
        Git(applied, "apply", patch);

        var written = Tree("written");
        await Run(written, FixMode.Write);
        var expected = Checksums(written);
        var actual = Checksums(applied);
        Assert.Equal(expected, actual);
        Assert.NotEqual(Checksums(Tree("original")), expected);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Write_replaces_files_atomically_and_keeps_their_mode()
    {
        var tree = Tree();
        var file = Path.Combine(tree, "manifests", "restricted-crlf", "app.yaml");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var untouched = Path.Combine(tree, "manifests", "refuse-anchor-on-path", "app.yaml");
        var untouchedTime = File.GetLastWriteTimeUtc(untouched);
        var (code, output, _) = await Run(tree, FixMode.Write);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("refused: an anchor", output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Scenario.Named("restricted-crlf").ExpectedPath)), File.ReadAllBytes(file));
        Assert.Equal(untouchedTime, File.GetLastWriteTimeUtc(untouched));
        Assert.Empty(Directory.EnumerateFiles(tree, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Output_dir_writes_fixed_copies_at_the_same_relative_paths_and_leaves_inputs_alone()
    {
        var tree = Tree();
        var before = Checksums(tree);
        await Run(tree, FixMode.OutputDir, outputDir: Path.Combine(_root, "out"), paths: "manifests");
        Assert.Equal(before, Checksums(tree));
        var copy = Path.Combine(_root, "out", "restricted-bom-crlf-no-final-newline", "app.yaml");
        Assert.Equal(File.ReadAllBytes(Scenario.Named("restricted-bom-crlf-no-final-newline").ExpectedPath), File.ReadAllBytes(copy));
        Assert.False(File.Exists(Path.Combine(_root, "out", "pass-already-restricted-unchanged", "app.yaml")));
    }

    [Fact]
    public async Task Stdin_is_fixed_to_stdout_with_the_report_on_stderr()
    {
        var scenario = Scenario.Named("restricted-multidoc-separator-comments");
        using var stdin = new MemoryStream(scenario.Input);
        var (code, output, errors) = await Run(_root, FixMode.Write, stdin: stdin, paths: "-");
        Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(scenario.ExpectedPath)), output);
        Assert.Contains("stdin", errors, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, code);
    }

    [Fact]
    public async Task Sarif_fixes_replay_to_the_written_bytes()
    {
        var tree = Tree();
        var (_, sarif, _) = await Run(tree, FixMode.DryRun, format: "sarif");
        var log = JsonNode.Parse(sarif)!;
        Assert.Equal("2.1.0", (string?)log["version"]);
        var originals = Inputs.ToDictionary(n => $"manifests/{n}/app.yaml", n => SourceText.Decode(Scenario.Named(n).Input));
        var byFile = new Dictionary<string, List<JsonNode>>(StringComparer.Ordinal);
        foreach (var result in log["runs"]![0]!["results"]!.AsArray())
        {
            foreach (var change in result!["fixes"]?.AsArray().SelectMany(f => f!["artifactChanges"]!.AsArray()) ?? [])
            {
                var uri = (string)change!["artifactLocation"]!["uri"]!;
                byFile.TryAdd(uri, []);
                byFile[uri].AddRange(change["replacements"]!.AsArray().Select(r => r!));
            }
        }

        var replayed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (uri, replacements) in byFile)
        {
            var text = originals[uri].Text;
            foreach (var replacement in replacements.OrderBy(r => (int)r["deletedRegion"]!["charOffset"]!).Reverse())
            {
                var offset = (int)replacement["deletedRegion"]!["charOffset"]!;
                var length = (int)replacement["deletedRegion"]!["charLength"]!;
                text = text[..offset] + (string)replacement["insertedContent"]!["text"]! + text[(offset + length)..];
            }

            replayed[uri] = text;
        }

        await Run(tree, FixMode.Write);
        Assert.NotEmpty(replayed);
        foreach (var (uri, text) in replayed)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(tree, uri)), originals[uri].Encode(text));
        }
    }

    [Fact]
    public async Task The_json_report_lists_every_action_with_its_class_and_status()
    {
        var (_, json, _) = await Run(Tree(), FixMode.DryRun, format: "json");
        var report = JsonNode.Parse(json)!;
        Assert.Equal("fix", (string?)report["command"]);
        var actions = report["results"]!.AsArray().SelectMany(r => r!["violations"]!.AsArray()).ToList();
        Assert.Contains(actions, a => (string?)a!["class"] == "safe" && (string?)a["status"] == "applied" && (string?)a["check"] == "seccompProfile_restricted");
        Assert.Contains(actions, a => (string?)a!["status"] == "needs-opt-in");
        Assert.Contains(actions, a => (string?)a!["status"] == "refused");
        Assert.All(actions, a => Assert.StartsWith("spec.", (string?)a!["path"], StringComparison.Ordinal));
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = new RootCommand { CliOptions.Verbose, FixCommand.Create() };
        var code = await CliHost.RunAsync(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--level", "privileged")]
    [InlineData("--level", "strict")]
    [InlineData("--version", "1.25")]
    [InlineData("--allow", "noSuchCheck")]
    [InlineData("--run-as-user", "0")]
    [InlineData("--format", "xml")]
    public async Task Bad_options_are_usage_errors(string option, string value)
    {
        var (code, _, _) = await Cli("fix", option, value, Scenario.Named("pass-already-restricted-unchanged").InputPath);
        Assert.Equal(ExitCodes.UsageError, code);
    }

    [Fact]
    public async Task Two_modes_at_once_are_a_usage_error()
    {
        Assert.Equal(ExitCodes.UsageError, (await Cli("fix", "--diff", "--write", Scenario.Named("restricted-crlf").InputPath)).Code);
    }

    [Fact]
    public async Task Exit_codes_say_whether_everything_passes_after_the_fix()
    {
        Assert.Equal(ExitCodes.Success, (await Cli("fix", Scenario.Named("pass-already-restricted-unchanged").InputPath)).Code);
        Assert.Equal(ExitCodes.Success, (await Cli("fix", "--run-as-user", "1000", Scenario.Named("restricted-run-as-user-given").InputPath)).Code);
        Assert.Equal(ExitCodes.Findings, (await Cli("fix", Scenario.Named("optin-not-allowed-leaves-explicit-values").InputPath)).Code);
        Assert.Equal(ExitCodes.InputError, (await Cli("fix", Scenario.Named("multidoc-broken-document-left-untouched").InputPath)).Code);
        var missing = await Cli("fix", Path.Combine(Scenario.Root, "no-such-file.yaml"));
        Assert.Equal(ExitCodes.InputError, missing.Code);
        Assert.Contains("no such file or folder", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_document_is_named_with_its_file_and_line_and_the_rest_is_still_fixed()
    {
        var path = Scenario.Named("multidoc-broken-document-left-untouched").InputPath;
        var (_, output, errors) = await Cli("fix", "--level", "restricted:latest", path);
        Assert.Contains("input.yaml:12 (document 2): not valid YAML", output, StringComparison.Ordinal);
        Assert.Contains("2 workloads edited", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }
}
