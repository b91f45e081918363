using Kubeguard.Testing;

namespace Kubeguard.Cli.Tests;

public class ScanCommandTests
{
    public static TheoryData<string, string[]> Scenarios => new()
    {
        { "scan.examples.txt", ["examples/", "--format", "table"] },
        { "scan.examples.json", ["examples/", "--format", "json"] },
        { "scan.examples.sarif", ["examples/", "--format", "sarif"] },
        { "scan.examples.junit.xml", ["examples/", "--format", "junit"] },
        { "scan.examples-namespace-labels.txt", ["examples/", "--format", "table", "--namespace-labels", "--hide-passed"] },
        { "scan.examples-baseline-v1.25.txt", ["examples/insecure-deployment.yaml", "examples/namespaces.yaml", "--format", "table", "--level", "baseline", "--version", "v1.25"] },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scan_output_matches_its_golden_file(string golden, string[] args)
    {
        var (_, output, _) = ScanCli.Run(null, args);
        Golden.AssertMatches("cli/" + golden, output);
    }

    [Fact]
    public void The_scan_golden_files_are_exactly_the_scenarios() =>
        Golden.AssertExactSet("cli", Scenarios.Select(row => (string)row[0]), prefix: "scan.");

    [Theory]
    [InlineData(0, "examples/compliant-deployment.yaml")]
    [InlineData(1, "examples/insecure-deployment.yaml")]
    [InlineData(3, "examples/")]
    [InlineData(3, "examples/broken.yaml")]
    public void Exit_codes_tell_allowed_violations_and_input_errors_apart(int exit, string path) =>
        Assert.Equal(exit, ScanCli.Run(null, path, "--format", "json", "--no-beyond-pss").Exit);

    [Fact]
    public void Findings_of_the_checks_beyond_pod_security_fail_a_scan_unless_switched_off_or_set_to_none()
    {
        Assert.Equal(1, ScanCli.Run(null, "examples/compliant-deployment.yaml", "--format", "json").Exit);
        Assert.Equal(0, ScanCli.Run(null, "examples/compliant-deployment.yaml", "--format", "json", "--checks", "rbac,encryption-in-transit").Exit);
        Assert.Equal(0, ScanCli.Run(null, "examples/compliant-deployment.yaml", "--format", "json", "--severity",
            "image-not-pinned-by-digest=none", "--severity", "service-account-token-automounted=none", "--severity", "default-service-account=none",
            "--severity", "namespace-without-default-deny=none").Exit);
    }

    [Fact]
    public void A_missing_path_is_a_usage_error_that_names_it()
    {
        var (exit, output, error) = ScanCli.Run(null, "examples/", "no/such/file.yaml");
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("no/such/file.yaml", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--level", "strict")]
    [InlineData("--version", "v2.0")]
    [InlineData("--format", "xml")]
    [InlineData("--kubernetes-version", "two")]
    [InlineData("--severity", "privileged=severe")]
    public void Bad_option_values_are_usage_errors(string option, string value) =>
        Assert.Equal(2, ScanCli.Run(null, "examples/", option, value).Exit);

    [Fact]
    public void Standard_input_is_scanned_for_a_dash()
    {
        var (exit, output, _) = ScanCli.Run("apiVersion: v1\nkind: Pod\nmetadata:\n  name: piped\nspec:\n  containers:\n  - name: a\n    image: b\n", "-", "--format", "json", "--level", "baseline", "--no-beyond-pss");
        Assert.Equal(0, exit);
        Assert.Contains("\"file\": \"<stdin>\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_goes_to_the_named_file_and_stdout_stays_empty()
    {
        var file = Path.Combine(Path.GetTempPath(), "kubeguard-" + Guid.NewGuid().ToString("N") + ".sarif");
        try
        {
            var (exit, output, error) = ScanCli.Run(null, "examples/insecure-deployment.yaml", "--format", "sarif", "--output", file);
            Assert.Equal(1, exit);
            Assert.Equal(string.Empty, output);
            Assert.Contains(file, error, StringComparison.Ordinal);
            Assert.Contains("\"version\": \"2.1.0\"", File.ReadAllText(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_a_format_and_off_a_terminal_the_output_is_json() =>
        Assert.StartsWith("{", ScanCli.Run(null, "examples/compliant-deployment.yaml").Out, StringComparison.Ordinal);

    [Fact]
    public void Machine_formats_of_the_examples_validate_against_their_schemas()
    {
        Assert.Empty(SchemaValidation.ReportErrors(ScanCli.Run(null, "examples/", "--format", "json").Out));
        if (!SchemaValidation.SharedSchemasAvailable)
        {
            Assert.False(RepositoryPaths.RequiredByCi, "CI=true but ../shared/schemas is missing");
            return;
        }

        Assert.Empty(SchemaValidation.SarifErrors(ScanCli.Run(null, "examples/", "--format", "sarif").Out));
        Assert.Empty(SchemaValidation.JunitErrors(ScanCli.Run(null, "examples/", "--format", "junit").Out));
    }

    [Fact]
    public void Scanning_writes_nothing_next_to_the_inputs()
    {
        var examples = Path.Combine(RepositoryPaths.Root, "examples");
        var before = Directory.GetFileSystemEntries(examples, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var format in new[] { "table", "json", "sarif", "junit" })
        {
            ScanCli.Run(null, "examples/", "--format", format);
        }

        Assert.Equal(before, Directory.GetFileSystemEntries(examples, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
    }
}
