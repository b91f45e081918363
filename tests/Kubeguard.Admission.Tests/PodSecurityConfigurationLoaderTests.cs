namespace Kubeguard.Admission.Tests;

public class PodSecurityConfigurationLoaderTests
{
    private static ConfigurationLoadResult Load(string text) => PodSecurityConfigurationLoader.Load(text);

    private static string Yaml(string version, string body) =>
        $"apiVersion: pod-security.admission.config.k8s.io/{version}\nkind: PodSecurityConfiguration\n{body}";

    [Theory]
    [InlineData("v1")]
    [InlineData("v1beta1")]
    [InlineData("v1alpha1")]
    public void Every_served_version_loads_from_yaml(string version)
    {
        var result = Load(Yaml(version, """
            defaults:
              enforce: baseline
              enforce-version: v1.30
              warn: restricted
            exemptions:
              usernames: [system:serviceaccount:kube-system:replicaset-controller]
              namespaces: [kube-system]
              runtimeClasses: [kata.example.com]
            """));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var configuration = result.Configuration!;
        Assert.Equal("baseline:v1.30", configuration.Defaults.Enforce.ToString());
        Assert.Equal("privileged:latest", configuration.Defaults.Audit.ToString());
        Assert.Equal("restricted:latest", configuration.Defaults.Warn.ToString());
        Assert.True(configuration.IsExemptNamespace("kube-system"));
        Assert.True(configuration.IsExemptUser("system:serviceaccount:kube-system:replicaset-controller"));
        Assert.True(configuration.IsExemptRuntimeClass("kata.example.com"));
        Assert.False(configuration.IsExemptNamespace("Kube-System"));
    }

    [Fact]
    public void Json_loads_the_same_as_yaml()
    {
        var result = Load("""
            {"apiVersion":"pod-security.admission.config.k8s.io/v1","kind":"PodSecurityConfiguration",
             "defaults":{"enforce":"restricted","audit-version":"v1.25"},"exemptions":{"namespaces":["a","b"]}}
            """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("restricted:latest", result.Configuration!.Defaults.Enforce.ToString());
        Assert.Equal("privileged:v1.25", result.Configuration.Defaults.Audit.ToString());
        Assert.True(result.Configuration.IsExemptNamespace("b"));
    }

    [Fact]
    public void Empty_input_and_empty_fields_default_to_privileged_latest_without_exemptions()
    {
        var empty = Load("");
        var bare = Load(Yaml("v1", "defaults: {}\n"));

        Assert.Same(PodSecurityConfiguration.Default, empty.Configuration);
        Assert.True(bare.Configuration!.Defaults.IsFullyPrivileged);
        Assert.Equal("privileged:latest", bare.Configuration.Defaults.Warn.ToString());
        Assert.Empty(bare.Configuration.ExemptNamespaces);
        Assert.False(bare.Configuration.IsExemptUser(""));
    }

    [Fact]
    public void Unknown_fields_are_strict_decoding_errors()
    {
        var result = Load(Yaml("v1", "deflaults:\n  enforce: baseline\ndefaults:\n  enforcee: x\n"));

        Assert.False(result.Succeeded);
        Assert.Equal(["strict decoding error: unknown field \"deflaults\", unknown field \"defaults.enforcee\""], result.Errors.ToArray());
        Assert.Equal("strict decoding error: unknown field \"deflaults\", unknown field \"defaults.enforcee\"", result.Message);
    }

    [Theory]
    [InlineData("kind: PodSecurityConfiguration\n", "Object 'apiVersion' is missing in 'kind: PodSecurityConfiguration\n'")]
    [InlineData("apiVersion: pod-security.admission.config.k8s.io/v1\n", "Object 'Kind' is missing in 'apiVersion: pod-security.admission.config.k8s.io/v1\n'")]
    [InlineData("{\"kind\":\"\"}", "Object 'Kind' is missing in '{\"kind\":\"\"}'")]
    [InlineData("apiVersion: pod-security.admission.config.k8s.io/v2\nkind: PodSecurityConfiguration\n", "no kind \"PodSecurityConfiguration\" is registered for version \"pod-security.admission.config.k8s.io/v2\"")]
    [InlineData("apiVersion: example.com/v1\nkind: PodSecurityConfiguration\n", "no kind \"PodSecurityConfiguration\" is registered for version \"example.com/v1\"")]
    [InlineData("apiVersion: pod-security.admission.config.k8s.io/v1\nkind: AdmissionConfiguration\n", "no kind \"AdmissionConfiguration\" is registered for version \"pod-security.admission.config.k8s.io/v1\"")]
    public void Missing_or_unknown_type_information_is_an_error(string text, string error)
    {
        Assert.Equal([error], Load(text).Errors.ToArray());
    }

    [Fact]
    public void Invalid_default_levels_and_versions_are_reported_on_their_field_paths()
    {
        var result = Load(Yaml("v1", """
            defaults:
              enforce: strict
              enforce-version: v2.0
              audit-version: "1.30"
              warn: Baseline
            """));

        // Then: in upstream's order (enforce, warn, audit), and aggregated as Kubernetes prints them
        Assert.Equal(
            [
                "defaults.enforce: Invalid value: \"strict\": must be one of privileged, baseline, restricted",
                "defaults.enforce-version: Invalid value: \"v2.0\": must be \"latest\" or \"v1.x\"",
                "defaults.warn: Invalid value: \"Baseline\": must be one of privileged, baseline, restricted",
                "defaults.audit-version: Invalid value: \"1.30\": must be \"latest\" or \"v1.x\"",
            ],
            result.Errors.ToArray());
        Assert.Equal(
            "[defaults.enforce: Invalid value: \"strict\": must be one of privileged, baseline, restricted, "
            + "defaults.enforce-version: Invalid value: \"v2.0\": must be \"latest\" or \"v1.x\", "
            + "defaults.warn: Invalid value: \"Baseline\": must be one of privileged, baseline, restricted, "
            + "defaults.audit-version: Invalid value: \"1.30\": must be \"latest\" or \"v1.x\"]",
            result.Message);
    }

    [Fact]
    public void A_single_error_is_printed_without_brackets_and_a_loaded_file_has_no_message()
    {
        var bad = Load(Yaml("v1", "defaults:\n  audit: loud\n"));
        var good = Load(Yaml("v1", "defaults:\n  audit: baseline\n"));

        Assert.Equal("defaults.audit: Invalid value: \"loud\": must be one of privileged, baseline, restricted", bad.Message);
        Assert.Equal(string.Empty, good.Message);
    }

    [Fact]
    public void Exemption_entries_must_be_valid_and_unique()
    {
        var result = Load(Yaml("v1", """
            exemptions:
              namespaces: [ok, ok, Bad_Name, a.b]
              runtimeClasses: [kata.example.com, -bad]
              usernames: [alice, "", alice]
            """));

        Assert.Equal(
            [
                "exemptions.namespaces[1]: Duplicate value: \"ok\"",
                "exemptions.namespaces[2]: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "exemptions.namespaces[3]: Invalid value: \"a.b\": must not contain dots",
                "exemptions.runtimeClasses[1]: Invalid value: \"-bad\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "exemptions.usernames[1]: Invalid value: \"\": username must not be empty",
                "exemptions.usernames[2]: Duplicate value: \"alice\"",
            ],
            result.Errors.ToArray());
    }

    [Fact]
    public void A_namespace_name_longer_than_63_characters_is_invalid()
    {
        var name = new string('a', 64);

        var result = Load(Yaml("v1", $"exemptions:\n  namespaces: [{name}]\n"));

        Assert.Equal([$"exemptions.namespaces[0]: Invalid value: \"{name}\": must be no more than 63 characters"], result.Errors.ToArray());
    }

    [Fact]
    public void Broken_yaml_reports_its_line()
    {
        var result = Load("apiVersion: x\nkind: [\n");

        var error = Assert.Single(result.Errors.ToArray());
        Assert.StartsWith("line ", error, StringComparison.Ordinal);
    }
}
