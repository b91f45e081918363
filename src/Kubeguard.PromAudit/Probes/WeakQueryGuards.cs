using System.Globalization;

namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-026. Query guards left at their generous defaults (<c>query.max-samples</c> 50M,
/// <c>query.timeout</c> 2m, <c>query.max-concurrency</c> 20, <c>web.max-connections</c> 512): heavy
/// PromQL from anyone who reaches the server can exhaust it.
/// </summary>
/// <remarks>Read-only: inspects <c>/api/v1/status/flags</c>.</remarks>
internal static class WeakQueryGuards
{
    public static readonly ProbeId Id = new("PROM-026", "weak-query-guards");

    public static Probe Definition { get; } = new(Id, "capability", "Query guards are at their defaults",
        "Lower query.max-samples, query.timeout and query.max-concurrency to what dashboards need, and rate-limit at the reverse proxy.",
        RunAsync)
    {
        Limitations = "Only the global flags are visible; per-client limits at a proxy cannot be seen from the API.",
    };

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        var flags = await context.FlagsAsync(ct).ConfigureAwait(false);
        if (!flags.Ok)
        {
            return ProbeResult.Inconclusive(flags.Problem);
        }

        var f = flags.Value!;
        var evidence = new List<string>();
        void AtLeast(string name, double limit, Func<string, double?> parse)
        {
            if (f.TryGetValue(name, out var text) && parse(text) is { } value && value >= limit)
            {
                evidence.Add($"flag {name}: {text}");
            }
        }

        AtLeast("query.max-samples", 50_000_000, Number);
        AtLeast("query.max-concurrency", 20, Number);
        AtLeast("web.max-connections", 512, Number);
        AtLeast("query.timeout", 120, Seconds);
        return evidence.Count == 0
            ? ProbeResult.Clear("query guards are tighter than the defaults")
            : ProbeResult.Exposed($"{evidence.Count} query guard(s) at or above the defaults", evidence);
    }

    private static double? Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Seconds in a Prometheus duration such as <c>2m</c>, <c>1h30m</c> or <c>90s</c>.</summary>
    internal static double? Seconds(string text)
    {
        double total = 0;
        var number = "";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c) || c == '.')
            {
                number += c;
                continue;
            }

            var unit = c == 'm' && i + 1 < text.Length && text[i + 1] == 's' ? "ms" : c.ToString();
            i += unit.Length - 1;
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            total += n * unit switch { "ms" => 0.001, "s" => 1, "m" => 60, "h" => 3600, "d" => 86400, "w" => 604800, "y" => 31536000, _ => double.NaN };
            number = "";
        }

        return number.Length == 0 && !double.IsNaN(total) ? total : null;
    }
}
