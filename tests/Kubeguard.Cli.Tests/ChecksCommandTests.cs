using System.Text.Json;
using Kubeguard.Cli.Commands;
using Kubeguard.Testing;

namespace Kubeguard.Cli.Tests;

public sealed class ChecksCommandTests
{
    [Fact]
    public async Task The_markdown_listing_is_the_committed_checks_document()
    {
        var output = new StringWriter();

        var code = await ChecksCommand.RunAsync(ChecksCommand.ListFormat.Markdown, [], output);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Fixtures.RepositoryRoot, "docs", "checks-beyond-pss.md")), output.ToString());
    }

    [Fact]
    public async Task The_json_listing_names_every_check_with_family_and_severity_and_can_be_filtered_by_family()
    {
        var all = new StringWriter();
        var rbac = new StringWriter();

        await ChecksCommand.RunAsync(ChecksCommand.ListFormat.Json, [], all);
        await ChecksCommand.RunAsync(ChecksCommand.ListFormat.Json, ["rbac"], rbac);

        using var everything = JsonDocument.Parse(all.ToString());
        using var filtered = JsonDocument.Parse(rbac.ToString());
        Assert.Equal(37, everything.RootElement.GetArrayLength());
        Assert.Equal(7, filtered.RootElement.GetArrayLength());
        Assert.All(filtered.RootElement.EnumerateArray(), c => Assert.Equal("rbac", c.GetProperty("family").GetString()));
        Assert.Equal("critical", filtered.RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "rbac-binding-to-everyone").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task The_table_listing_has_a_header_and_one_line_per_check()
    {
        var output = new StringWriter();

        await ChecksCommand.RunAsync(ChecksCommand.ListFormat.Table, ["supply-chain"], output);

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.StartsWith("ID ", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("image-not-pinned-by-digest ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_family_is_a_usage_error()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliHost.RunAsync(new System.CommandLine.RootCommand { ChecksCommand.Create() }, ["checks", "--family", "pss"], stdout, stderr);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("unknown family \"pss\"", stderr.ToString() + stdout.ToString(), StringComparison.Ordinal);
    }
}
