using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Tests.Tee;

public sealed class RegoPolicyTests
{
    [Fact]
    public void Allow_all_defaults_are_read_with_either_assignment_operator()
    {
        var policy = RegoPolicy.Scan("package agent_policy\n\ndefault ExecProcessRequest := true\ndefault SetPolicyRequest = true\ndefault ReadStreamRequest := false\n");

        Assert.Equal(RequestVerdict.Allowed, policy.Classify("ExecProcessRequest").Verdict);
        Assert.Equal(RequestVerdict.Allowed, policy.Classify("SetPolicyRequest").Verdict);
        Assert.Equal(RequestVerdict.Denied, policy.Classify("ReadStreamRequest").Verdict);
        Assert.Equal(RequestVerdict.Denied, policy.Classify("CopyFileRequest").Verdict);
    }

    [Fact]
    public void A_rule_body_the_scan_cannot_classify_needs_review_and_is_never_denied()
    {
        var policy = RegoPolicy.Scan("package agent_policy\ndefault CopyFileRequest := false\nCopyFileRequest {\n  startswith(input.path, \"/tmp\")\n}\n");

        var result = policy.Classify("CopyFileRequest");

        Assert.Equal(RequestVerdict.Review, result.Verdict);
        Assert.Equal("CopyFileRequest has a rule whose logic the scan cannot classify", result.Reason);
    }

    [Fact]
    public void Policy_data_that_is_not_json_makes_every_rule_with_a_body_a_review()
    {
        var policy = RegoPolicy.Scan("package agent_policy\nReadStreamRequest if {\n  policy_data.request_defaults.ReadStreamRequest\n}\npolicy_data := {\n  \"request_defaults\": {oops}\n}\n");

        Assert.Equal(RequestVerdict.Review, policy.Classify("ReadStreamRequest").Verdict);
        Assert.StartsWith("policy_data is not JSON", policy.PolicyDataError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"not\": \"rego\"}", "it has no package declaration, so it is not Rego")]
    [InlineData("", "it has no package declaration, so it is not Rego")]
    public void Text_without_a_package_is_not_rego(string text, string error)
    {
        Assert.Equal(error, RegoPolicy.Scan(text).Error);
    }

    [Fact]
    public void An_agent_policy_annotation_that_is_not_base64_says_so()
    {
        Assert.Equal("the annotation is not base64", RegoPolicy.FromBase64("package agent_policy").Error);
    }

    [Theory]
    [InlineData("[\"bash\"]", "[]", RequestVerdict.Allowed)]
    [InlineData("[\"/bin/sh -c\"]", "[]", RequestVerdict.Allowed)]
    [InlineData("[]", "[\"^.*$\"]", RequestVerdict.Allowed)]
    [InlineData("[\"cat /tmp/ready\"]", "[]", RequestVerdict.Denied)]
    [InlineData("[]", "[\"^cat /tmp/[a-z]+$\"]", RequestVerdict.Review)]
    public void Exec_allow_lists_are_judged_by_shells_and_catch_all_regexes(string commands, string regex, RequestVerdict verdict)
    {
        var policy = RegoPolicy.Scan($"package agent_policy\ndefault ExecProcessRequest := false\nExecProcessRequest if {{\n  true\n}}\npolicy_data := {{\"request_defaults\": {{\"ExecProcessRequest\": {{\"allowed_commands\": {commands}, \"regex\": {regex}}}}}}}\n");

        Assert.Equal(verdict, policy.Classify("ExecProcessRequest").Verdict);
    }
}
