using Kubeguard.PromAudit.Redaction;

namespace Kubeguard.PromAudit.Tests;

public sealed class RedactionTests
{
    private readonly SecretScanner _scanner = new(new byte[32]);

    [Theory]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "aws-access-key")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github-token")]
    [InlineData("glpat-abcdefghij0123456789", "gitlab-token")]
    [InlineData("xoxb-1234567890-abcdef", "slack-token")]
    [InlineData("sk_live_abcdefghijklmnop1234", "stripe-key")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt")]
    [InlineData("postgres://app:hunter22@db:5432/app", "connection-string")]
    [InlineData("https://user:pa55word@example.com/x", "url-userinfo")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "private-key")]
    public void Detects_credentials_by_their_shape(string value, string kind)
    {
        var hit = _scanner.Scan("somewhere", null, value);
        Assert.NotNull(hit);
        Assert.Equal(kind, hit.Kind);
        Assert.True(hit.Strong);
        Assert.Equal(value.Length, hit.Length);
        Assert.DoesNotContain(value, hit.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<secret>")]
    [InlineData("xxxxx")]
    [InlineData("")]
    public void Ignores_prometheus_masks(string value) => Assert.Null(_scanner.Scan("x", "password", value));

    [Fact]
    public void A_url_with_a_masked_password_is_not_a_secret() => Assert.Null(_scanner.Scan("x", null, "http://user:xxxxx@example.com/"));

    [Fact]
    public void A_secret_sounding_key_makes_a_weak_hit() =>
        Assert.Equal(("named-secret", false), _scanner.Scan("x", "apikey", "abc") is { } h ? (h.Kind, h.Strong) : default);

    [Fact]
    public void File_path_keys_are_not_secrets() => Assert.Null(_scanner.Scan("x", "password_file", "/etc/secret"));

    [Fact]
    public void Fingerprints_are_keyed_and_twelve_hex_characters()
    {
        var other = new SecretScanner(Enumerable.Repeat((byte)1, 32).ToArray());
        Assert.Matches("^[0-9a-f]{12}$", _scanner.Fingerprint("value"));
        Assert.Equal(_scanner.Fingerprint("value"), _scanner.Fingerprint("value"));
        Assert.NotEqual(_scanner.Fingerprint("value"), other.Fingerprint("value"));
    }

    [Theory]
    [InlineData("http://u:p@host:9100/metrics?apikey=abc&format=text", "http://***:***@host:9100/metrics?apikey=***&format=text")]
    [InlineData("https://host/path?access_token=t&sig=s", "https://host/path?access_token=***&sig=***")]
    [InlineData("http://host:9090/", "http://host:9090/")]
    public void Urls_keep_their_shape_and_lose_their_secrets(string url, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(url));

    [Fact]
    public void Infra_stand_ins_are_consistent_within_a_report()
    {
        var infra = new InfraRedactor();
        infra.AddHost("worker-1");
        var first = infra.Redact("worker-1 at 10.0.1.11, again 10.0.1.11 and 10.0.1.12");
        var second = infra.Redact("http://api.example.com:443/ on worker-1 (10.0.1.12)");
        Assert.Equal("host-1 at ip-1, again ip-1 and ip-2", first);
        Assert.Equal("http://host-2:443/ on host-1 (ip-2)", second);
    }

    [Fact]
    public void Infra_redaction_leaves_times_and_versions_alone()
    {
        var infra = new InfraRedactor();
        Assert.Equal("built 2026-06-04T00:58:54 version 2.42.0", infra.Redact("built 2026-06-04T00:58:54 version 2.42.0"));
    }
}
