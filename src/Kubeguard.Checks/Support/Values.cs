using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Checks;

/// <summary>Reads loosely typed values without throwing.</summary>
internal static class Values
{
    /// <summary>A JSON boolean, or the strings <c>true</c>/<c>false</c>; null otherwise.</summary>
    public static bool? AsBool(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => AsBool(value.GetValue<string>()),
            _ => null,
        };
    }

    /// <summary>The strings <c>true</c>/<c>false</c> in any case; null otherwise.</summary>
    public static bool? AsBool(string? text) =>
        string.Equals(text?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(text?.Trim(), "false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    /// <summary>The list, without null entries (never null).</summary>
    public static IEnumerable<T> Each<T>(IEnumerable<T?>? list)
        where T : class => list is null ? [] : list.Where(x => x is not null).Select(x => x!);

    /// <summary>The strings of a list, without null entries (never null).</summary>
    public static IEnumerable<string> Strings(IEnumerable<string?>? list) =>
        list is null ? [] : list.Where(x => x is not null).Select(x => x!);
}
