using System.IO.Compression;
using Kubeguard.Checks.Tee;

namespace Kubeguard.Checks.Tests.Tee;

public sealed class InitDataTests
{
    // The two values verified in the research notes (gzip -n | base64 -w0), decoded byte for byte.
    private const string FireSample = "H4sIAAAAAAACA13MMQvCMBCG4f1+RciSLVRBB6Gju7SjiBzJmQbTpl4uov/eFsHB4VteHr4ncYl5Uq3Sjd3YRgOmkDnKMK6tDLjd7TXA2aPgBfScU3RvyxSyXoAxBmZ0dwyklk1y/QLwdMOaRB1f5E6cHZXS0aNSEXVolXClH+kIfS9MOP6L9f0DfZ+U8KEAAAA=";

    private const string DontFireSample = "H4sIAAAAAAACA5WPPW+DMBBAd/8KywtTDVU7IKQMHdI5SoYOCKGLuYCFP6ht2uTf1w6kVYeo6mBZd/fu3d0HOi+toRvKCv7IC0ZA9dbJMOiU8wM8lc+MkLqDAA1hADxYrVgsZllG6mBHNK2w5iR7z8ejb8jsVGodQph8lecxx/EMelLIpQnoDKiqLMo4KhmY6IbfyvEoGmJAY7II0caY/UNaSw09NuT6tR7FHK+5tJNVUlzaGCRP7I+WvMMTzCrkN+phofLJ2W5db8lwh729bTiBGKObxmfCKiarim7PKHbOCvR+j+8z+kCrDT2B8vjN7BG6Q3AI+i7yFtfBP5gDht11+F3iRSn7uVb9K0glTb+0/LDpoi9TpG8mBgIAAA==";

    [Fact]
    public void The_verified_fire_sample_decodes_to_a_policy_that_allows_exec_and_read_stream()
    {
        var initData = InitData.Decode(FireSample);

        Assert.Null(initData.Error);
        var policy = RegoPolicy.Scan(initData.PolicyRego);
        Assert.Equal(RequestVerdict.Allowed, policy.Classify("ExecProcessRequest").Verdict);
        Assert.Equal(RequestVerdict.Allowed, policy.Classify("ReadStreamRequest").Verdict);
        Assert.Null(initData.Aa);
        Assert.Null(initData.Cdh);
    }

    [Fact]
    public void The_verified_dont_fire_sample_decodes_to_an_https_kbs_and_a_policy_denying_everything()
    {
        var initData = InitData.Decode(DontFireSample);

        Assert.Null(initData.Error);
        Assert.Empty(initData.NestedErrors);
        Assert.StartsWith("https://", SmallToml.At(initData.Aa, "token_configs", "kbs", "url") as string, StringComparison.Ordinal);
        Assert.Equal("kbs:///default/security-policy/prod", SmallToml.At(initData.Cdh, "image", "image_security_policy_uri"));
        var policy = RegoPolicy.Scan(initData.PolicyRego);
        foreach (var request in new[] { "ExecProcessRequest", "ReadStreamRequest", "WriteStreamRequest", "SetPolicyRequest", "AllowRequestsFailingPolicy" })
        {
            Assert.Equal(RequestVerdict.Denied, policy.Classify(request).Verdict);
        }
    }

    [Theory]
    [InlineData("", "the value is empty")]
    [InlineData("!!!not base64!!!", "the value is not base64")]
    [InlineData("aGVsbG8gd29ybGQ=", "the decoded value is not gzip")]
    [InlineData("H4sIAAAAAAAAA////", "not")]
    public void Init_data_that_cannot_be_decoded_names_the_stage_that_failed(string value, string reason)
    {
        var initData = InitData.Decode(value);

        Assert.False(initData.IsValid);
        Assert.Contains(reason, initData.Error, StringComparison.Ordinal);
        Assert.Null(initData.PolicyRego);
    }

    [Fact]
    public void Gzip_that_holds_something_other_than_toml_is_reported_with_the_line()
    {
        var initData = InitData.Decode(TeeFixtures.EncodeInitData("version = \"0.1.0\"\nalgorithm = sha384\n"));

        Assert.Equal("the decompressed value is not TOML (line 2: unsupported value \"sha384\")", initData.Error);
    }

    [Fact]
    public void Huge_init_data_is_reported_without_being_decoded()
    {
        var initData = InitData.Decode(new string('A', InitData.MaxEncodedLength + 4));

        Assert.StartsWith("the value is", initData.Error, StringComparison.Ordinal);
        Assert.Contains("more than", initData.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_bomb_stops_at_the_decompressed_limit()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(new byte[InitData.MaxDecodedLength * 4]);
        }

        var initData = InitData.Decode(Convert.ToBase64String(output.ToArray()));

        Assert.Equal($"the decompressed value is larger than {InitData.MaxDecodedLength} bytes", initData.Error);
    }

    [Theory]
    [InlineData("version = \"0.2.0\"\nalgorithm = \"sha384\"\n", "version \"0.2.0\" is not one the runtime accepts (0.1.0)")]
    [InlineData("algorithm = \"sha384\"\n", "it has no version")]
    [InlineData("version = \"0.1.0\"\nalgorithm = \"sha1\"\n", "algorithm \"sha1\" is not one of sha256, sha384, sha512")]
    public void Version_and_algorithm_are_checked(string toml, string error)
    {
        Assert.Equal(error, InitData.FromToml(toml).Error);
    }

    [Fact]
    public void A_nested_file_that_is_not_toml_is_kept_as_a_nested_error()
    {
        var initData = InitData.FromToml("version = \"0.1.0\"\nalgorithm = \"sha256\"\n[data]\n\"cdh.toml\" = '''\n[kbc\n'''\n");

        Assert.True(initData.IsValid);
        Assert.Null(initData.Cdh);
        Assert.Single(initData.NestedErrors, e => e.StartsWith("cdh.toml: line 1:", StringComparison.Ordinal));
    }
}
