using System.Globalization;
using System.Text;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Field paths in the form the reports use: dot-separated keys and <c>[n]</c> indices, with keys
/// that are not plain identifiers in brackets and quotes, e.g.
/// <c>spec.template.spec.containers[1].securityContext</c> or
/// <c>metadata.annotations['container.apparmor.security.beta.kubernetes.io/app']</c>.
/// </summary>
public static class FieldPath
{
    /// <summary>Splits a path into keys (<see cref="string"/>) and indices (<see cref="int"/>). Returns false when malformed.</summary>
    public static bool TryParse(string? path, out IReadOnlyList<object> segments)
    {
        var list = new List<object>();
        segments = list;
        if (string.IsNullOrEmpty(path))
        {
            return path is not null;
        }

        var i = 0;
        if (path.StartsWith("$.", StringComparison.Ordinal))
        {
            i = 2;
        }

        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                i++;
            }

            if (i < path.Length && path[i] == '[')
            {
                if (!TryParseBracket(path, ref i, list))
                {
                    return false;
                }

                continue;
            }

            var start = i;
            while (i < path.Length && path[i] is not '.' and not '[')
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            list.Add(path[start..i]);
        }

        return true;
    }

    /// <summary>Appends a key to <paramref name="path"/>.</summary>
    public static string Key(string path, string key)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(key);
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        if (plain)
        {
            return path.Length == 0 ? key : path + "." + key;
        }

        return path + "['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    /// <summary>Appends an index to <paramref name="path"/>.</summary>
    public static string Index(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>Joins a prefix and a relative path.</summary>
    public static string Combine(string prefix, string relative) =>
        prefix.Length == 0 ? relative : relative.Length == 0 ? prefix : relative[0] == '[' ? prefix + relative : prefix + "." + relative;

    /// <summary>Formats segments back into a path.</summary>
    public static string Format(IEnumerable<object> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var path = string.Empty;
        foreach (var segment in segments)
        {
            path = segment is int index ? Index(path, index) : Key(path, (string)segment);
        }

        return path;
    }

    private static bool TryParseBracket(string path, ref int i, List<object> list)
    {
        i++;
        if (i < path.Length && path[i] is '\'' or '"')
        {
            var quote = path[i++];
            var sb = new StringBuilder();
            while (i < path.Length && path[i] != quote)
            {
                if (path[i] == '\\' && i + 1 < path.Length)
                {
                    i++;
                }

                sb.Append(path[i++]);
            }

            if (i + 1 >= path.Length || path[i + 1] != ']')
            {
                return false;
            }

            i += 2;
            list.Add(sb.ToString());
            return true;
        }

        var close = path.IndexOf(']', i);
        if (close < 0 || !int.TryParse(path.AsSpan(i, close - i), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return false;
        }

        i = close + 1;
        list.Add(index);
        return true;
    }
}
