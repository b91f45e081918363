using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubeguard.Webhook;

/// <summary>Parses the Go durations the API server sends (<c>10s</c>, <c>1m30s</c>, <c>500ms</c>).</summary>
public static partial class GoDuration
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a Go duration.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return false;
        }

        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var part = Part().Match(capture.Value);
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return true;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(?:\.[0-9]+)?(?:h|ms|m|s|us|µs|ns))+\z")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)\z")]
    private static partial Regex Part();
}
