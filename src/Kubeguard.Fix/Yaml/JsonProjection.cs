using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Kubeguard.Fix.Yaml;

/// <summary>
/// Turns a located YAML tree into the JSON value the API server would see (YAML 1.2 core schema
/// for plain scalars; quoted scalars are strings; aliases are expanded).
/// </summary>
internal static class JsonProjection
{
    public static JsonNode? ToJson(YamlNode? root)
    {
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        return Convert(root, anchors, 0);
    }

    private static JsonNode? Convert(YamlNode? node, Dictionary<string, YamlNode> anchors, int depth)
    {
        if (node is null)
        {
            return null;
        }

        if (depth > 200)
        {
            throw new YamlException("the document nests too deeply");
        }

        if (node.Anchor is { } anchor)
        {
            anchors[anchor] = node;
        }

        switch (node.Kind)
        {
            case YamlNodeKind.Alias:
                return anchors.TryGetValue(node.Value, out var target)
                    ? Convert(target, anchors, depth + 1)
                    : throw new YamlException($"unknown alias *{node.Value}");
            case YamlNodeKind.Mapping:
            {
                var obj = new JsonObject();
                foreach (var (key, value) in node.Pairs)
                {
                    var name = key.Kind == YamlNodeKind.Scalar ? key.Value : throw new YamlException("complex mapping keys are not supported");
                    obj[name] = Convert(value, anchors, depth + 1);
                }

                return obj;
            }

            case YamlNodeKind.Sequence:
            {
                var array = new JsonArray();
                foreach (var item in node.Items)
                {
                    array.Add(Convert(item, anchors, depth + 1));
                }

                return array;
            }

            default:
                return Scalar(node);
        }
    }

    /// <summary>The JSON value of a scalar.</summary>
    public static JsonNode? Scalar(YamlNode node)
    {
        if (node.Tag is "tag:yaml.org,2002:str" || node.ScalarStyle != ScalarStyle.Plain)
        {
            return JsonValue.Create(node.Value);
        }

        return PlainValue(node.Value);
    }

    /// <summary>The JSON value of a plain scalar's text.</summary>
    public static JsonNode? PlainValue(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (IsInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (IsFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    private static bool IsInteger(string text)
    {
        var digits = text.AsSpan(text.Length > 0 && text[0] is '-' or '+' ? 1 : 0);
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFloat(string text)
    {
        var body = text.AsSpan(text.Length > 0 && text[0] is '-' or '+' ? 1 : 0);
        if (body.IsEmpty || !(char.IsAsciiDigit(body[0]) || body[0] == '.'))
        {
            return false;
        }

        var digit = false;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digit = true;
            }
            else if (c is not ('.' or 'e' or 'E' or '-' or '+'))
            {
                return false;
            }
        }

        return digit;
    }
}
