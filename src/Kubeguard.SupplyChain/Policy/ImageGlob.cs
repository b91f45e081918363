using System.Text;
using System.Text.RegularExpressions;

namespace Kubeguard.SupplyChain.Policy;

/// <summary>
/// An image name glob, matched against the fully-qualified repository name
/// (<c>docker.io/library/nginx</c>) and against the name as written (<c>nginx</c>):
/// <c>*</c> matches within one path segment, <c>**</c> across segments, <c>?</c> one character.
/// </summary>
public sealed class ImageGlob
{
    private readonly Regex _regex;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    public ImageGlob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        _regex = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>True when the glob matches any of <paramref name="names"/>.</summary>
    public bool Matches(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (_regex.IsMatch(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Pattern;
}
