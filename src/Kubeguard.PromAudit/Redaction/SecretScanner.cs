using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Redaction;

/// <summary>
/// Finds credentials in values and key names and turns them into <see cref="SecretHit"/>s. The
/// fingerprint key is random per report, so fingerprints correlate within one report only.
/// </summary>
public sealed partial class SecretScanner
{
    private readonly byte[] _key;

    /// <summary>Creates a scanner with a fresh random fingerprint key.</summary>
    public SecretScanner() : this(RandomNumberGenerator.GetBytes(32))
    {
    }

    /// <summary>Creates a scanner with a given key (tests).</summary>
    public SecretScanner(byte[] key) => _key = key;

    private static readonly (string Kind, Regex Pattern)[] Detectors =
    [
        ("private-key", PrivateKey()),
        ("aws-access-key", AwsKey()),
        ("github-token", GitHubToken()),
        ("gitlab-token", GitLabToken()),
        ("slack-token", SlackToken()),
        ("stripe-key", StripeKey()),
        ("gcp-service-account", GcpServiceAccount()),
        ("jwt", Jwt()),
        ("connection-string", ConnectionString()),
        ("url-userinfo", UrlUserInfo()),
    ];

    /// <summary>Key names that suggest a secret value.</summary>
    [GeneratedRegex("(?i)(key|token|secret|pass(word)?|auth|sig(nature)?|cred|session|code|apikey|access_token|dsn)")]
    public static partial Regex SecretName();

    /// <summary>The keyed fingerprint of <paramref name="value"/>.</summary>
    public string Fingerprint(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)))[..12];
    }

    /// <summary>
    /// Scans one value found at <paramref name="location"/> under <paramref name="name"/>. Returns a hit
    /// when a detector matches, or when the name suggests a secret and the value is not a placeholder.
    /// </summary>
    public SecretHit? Scan(string location, string? name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlaceholder(value))
        {
            return null;
        }

        foreach (var (kind, pattern) in Detectors)
        {
            if (pattern.IsMatch(value))
            {
                return new SecretHit(location, kind, value.Length, Fingerprint(value), true);
            }
        }

        var named = name is not null && SecretName().IsMatch(name) && !name.EndsWith("_file", StringComparison.Ordinal);
        if (named && value.Length >= 20 && Entropy(value) > 4.0)
        {
            return new SecretHit(location, "high-entropy-secret", value.Length, Fingerprint(value), true);
        }

        return named ? new SecretHit(location, "named-secret", value.Length, Fingerprint(value), false) : null;
    }

    /// <summary>Prometheus's own masks and empty values are not secrets.</summary>
    public static bool IsPlaceholder(string value) =>
        value.Length == 0 || value is "<secret>" or "xxxxx" or "true" or "false" || value.All(c => c == '*');

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return 0;
        }

        return value.GroupBy(c => c)
            .Select(g => (double)g.Count() / value.Length)
            .Sum(p => -p * Math.Log2(p));
    }

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{30,}")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bglpat-[A-Za-z0-9_\-]{20,}")]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\b[sr]k_live_[A-Za-z0-9]{16,}")]
    private static partial Regex StripeKey();

    [GeneratedRegex("\"type\"\\s*:\\s*\"service_account\"|\"private_key_id\"")]
    private static partial Regex GcpServiceAccount();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(postgres(ql)?|mysql|mongodb(\+srv)?|redis|amqps?)://[^:/@\s]+:[^@\s]+@")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"(?i)\bhttps?://[^:/@\s]+:(?!xxxxx@)[^@\s/]+@")]
    private static partial Regex UrlUserInfo();
}
