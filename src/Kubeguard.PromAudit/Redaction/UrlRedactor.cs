using System.Text;
using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Redaction;

/// <summary>
/// Redacts URLs for evidence: userinfo becomes <c>***:***</c> and the values of secret-looking
/// query keys become <c>***</c>. Scheme, host, port and path stay: they are findings themselves.
/// </summary>
public static partial class UrlRedactor
{
    /// <summary>Redacts every URL inside <paramref name="text"/>.</summary>
    public static string RedactAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Url().Replace(text, m => Redact(m.Value));
    }

    /// <summary>Redacts one URL.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var authorityStart = schemeEnd + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var rest = pathStart < 0 ? "" : url[pathStart..];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = "***:***@" + authority[(at + 1)..];
        }

        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            var builder = new StringBuilder(rest[..(q + 1)]);
            var pairs = rest[(q + 1)..].Split('&');
            for (var i = 0; i < pairs.Length; i++)
            {
                var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
                builder.Append(i > 0 ? "&" : "");
                builder.Append(eq > 0 && SecretScanner.SecretName().IsMatch(pairs[i][..eq]) ? pairs[i][..(eq + 1)] + "***" : pairs[i]);
            }

            rest = builder.ToString();
        }

        return url[..authorityStart] + authority + rest;
    }

    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s""'<>]+")]
    private static partial Regex Url();
}
