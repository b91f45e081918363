using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// Types plain YAML scalars as Kubernetes' YAML decoder does (YAML 1.1 rules): <c>yes</c>/<c>on</c>
/// are booleans, <c>0644</c> is octal, underscores in numbers are ignored. Quoted scalars and
/// <c>!!str</c> stay strings.
/// </summary>
internal static class ScalarResolver
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string BinaryTag = "tag:yaml.org,2002:binary";

    private static readonly HashSet<string> Nulls = new(StringComparer.Ordinal) { string.Empty, "~", "null", "Null", "NULL" };
    private static readonly HashSet<string> Trues = new(StringComparer.Ordinal) { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" };
    private static readonly HashSet<string> Falses = new(StringComparer.Ordinal) { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" };

    public static JsonNode? Resolve(string value, ScalarStyle style, string? tag)
    {
        if (tag is StrTag or BinaryTag || (style != ScalarStyle.Plain && tag is null or "!"))
        {
            return JsonValue.Create(value);
        }

        if (Nulls.Contains(value))
        {
            return null;
        }

        if (Trues.Contains(value))
        {
            return JsonValue.Create(true);
        }

        if (Falses.Contains(value))
        {
            return JsonValue.Create(false);
        }

        return TryNumber(value) ?? JsonValue.Create(value);
    }

    private static JsonNode? TryNumber(string value)
    {
        if (value.Length == 0 || !(char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            return null;
        }

        var plain = value.Contains('_', StringComparison.Ordinal) ? value.Replace("_", string.Empty, StringComparison.Ordinal) : value;
        if (TryInteger(plain, out var integer))
        {
            return JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture));
        }

        if (IsFloat(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return null;
    }

    private static bool TryInteger(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+');
        if (body.Length == 0 || text.Length - body.Length > 1)
        {
            return false;
        }

        int radix;
        if (body.StartsWith("0b", StringComparison.Ordinal))
        {
            radix = 2;
            body = body[2..];
        }
        else if (body.StartsWith("0x", StringComparison.Ordinal))
        {
            radix = 16;
            body = body[2..];
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            radix = 8;
            body = body[1..];
        }
        else
        {
            radix = 10;
        }

        if (body.Length == 0 || body.Length > 4096)
        {
            return false;
        }

        foreach (var c in body)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static bool IsFloat(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
