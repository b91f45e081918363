namespace Kubeguard.Checks.Tests.Tee;

public sealed class TeeBadInputTests
{
    private static List<CheckFinding> Tee(string yaml) =>
        [.. InventoryEvaluator.Default.Evaluate(TeeFixtures.Inventory(yaml, "bad.yaml")).Where(f => f.Family == CheckFamily.Tee)];

    private static string Pod(string annotations, string runtimeClass = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations: {{{annotations}}}
        spec:
          {{runtimeClass}}
          containers:
          - {name: app, image: "registry.example/app@sha256:0000000000000000000000000000000000000000000000000000000000000000"}
        """;

    [Theory]
    [InlineData("not base64 ~~~", "not base64")]
    [InlineData("aGVsbG8=", "not gzip")]
    [InlineData("H4sIAAAAAAAA", "not")]
    public void Broken_init_data_gives_a_low_decode_finding_and_never_a_pass(string value, string reason)
    {
        var findings = Tee(Pod($"io.katacontainers.config.hypervisor.cc_init_data: \"{value}\"", "runtimeClassName: kata-qemu-snp"));

        var decode = Assert.Single(findings, f => f.CheckId == "tee-002");
        Assert.Equal(Severity.Low, decode.Severity);
        Assert.Contains(reason, decode.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_init_data_gives_a_decode_finding()
    {
        var findings = Tee(Pod($"io.katacontainers.config.hypervisor.cc_init_data: \"{new string('A', 300_000)}\"", "runtimeClassName: kata-qemu-snp"));

        Assert.Contains(findings, f => f.CheckId == "tee-002" && f.Message.Contains("more than the", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agent_policy_that_is_not_rego_is_a_review_finding_not_a_pass()
    {
        var notRego = Convert.ToBase64String("allow everything please"u8.ToArray());

        var findings = Tee(Pod($"io.katacontainers.config.agent.policy: \"{notRego}\"", "runtimeClassName: kata-cc-isolation"));

        var review = Assert.Single(findings, f => f.CheckId == "tee-003");
        Assert.Equal(Severity.Info, review.Severity);
        Assert.Contains("not Rego", review.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kata_annotations_that_do_not_make_a_pod_confidential_give_no_tee_finding()
    {
        var findings = Tee(Pod("io.katacontainers.config.hypervisor.kernel_params: \"agent.debug_console\", io.katacontainers.config.hypervisor.default_vcpus: \"2\"", "runtimeClassName: kata"));

        Assert.Empty(findings);
    }

    [Fact]
    public void An_intent_annotation_with_another_value_is_not_intent()
    {
        Assert.Empty(Tee(Pod("kubeguard.io/confidential: \"optional\"")));
        Assert.Single(Tee(Pod("kubeguard.io/confidential: \" Required \"")), f => f.CheckId == "tee-013");
    }

    [Fact]
    public void A_pod_with_no_spec_fields_and_empty_annotations_is_read_without_a_crash()
    {
        var findings = Tee("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    io.katacontainers.config.hypervisor.cc_init_data: \"\"\nspec: {}\n");

        Assert.Contains(findings, f => f.CheckId == "tee-002" && f.Message.Contains("the value is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_finding_says_whether_the_handler_was_resolved_or_only_the_name_was_seen()
    {
        var nameOnly = Tee(Pod(string.Empty, "runtimeClassName: kata-qemu-coco-dev")).Single(f => f.CheckId == "tee-001");
        var resolved = Tee(Pod(string.Empty, "runtimeClassName: dev") + "\n---\napiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: dev}\nhandler: kata-qemu-coco-dev\n").Single(f => f.CheckId == "tee-001");

        Assert.EndsWith("(evidence: RuntimeClass name only)", nameOnly.Message, StringComparison.Ordinal);
        Assert.EndsWith("(evidence: handler resolved from the RuntimeClass object)", resolved.Message, StringComparison.Ordinal);
    }
}
