using Kubeguard.Cli.Commands;

namespace Kubeguard.Cli.Tests;

public sealed class ExplainCommandTests
{
    [Fact]
    public async Task A_check_beyond_pod_security_is_explained_with_rationale_fix_and_severity()
    {
        var output = new StringWriter();

        var code = await ExplainCommand.RunAsync("service-external-ips", output, new StringWriter());

        Assert.Equal(ExitCodes.Success, code);
        var text = output.ToString();
        Assert.StartsWith("# `service-external-ips`\n", text, StringComparison.Ordinal);
        Assert.Contains("default severity `high`", text, StringComparison.Ordinal);
        Assert.Contains("CVE-2020-8554", text, StringComparison.Ordinal);
        Assert.Contains("**Fix:** Remove spec.externalIPs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_pod_security_check_is_explained_from_its_catalog_entry()
    {
        foreach (var check in Policy.CheckCatalog.BuiltIn)
        {
            var output = new StringWriter();

            var code = await ExplainCommand.RunAsync(check.Id, output, new StringWriter());

            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains(check.Summary, output.ToString(), StringComparison.Ordinal);
            Assert.Contains("**Fix:** " + check.Remediation, output.ToString(), StringComparison.Ordinal);
            Assert.All(check.Fields, f => Assert.Contains($"- `{f}`", output.ToString(), StringComparison.Ordinal));
        }

        Assert.Equal(19, Policy.CheckCatalog.BuiltIn.Length);
    }

    [Fact]
    public async Task An_unknown_id_is_a_usage_error_with_a_hint()
    {
        var error = new StringWriter();

        var code = await ExplainCommand.RunAsync("hostports", new StringWriter(), error);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.StartsWith("kubeguard: unknown check \"hostports\"", error.ToString(), StringComparison.Ordinal);
    }
}
