namespace Kubeguard.PromAudit.Probes;

/// <summary>Shared reading of <c>/api/v1/status/flags</c> for the capability probes.</summary>
internal static class FlagCheck
{
    /// <summary>
    /// Reads the flags and reports which of <paramref name="enabled"/> hold. When flags are blocked the
    /// answer is inconclusive ("unknown"), never clear. Elevated when anonymous access works.
    /// </summary>
    public static async Task<ProbeResult> RunAsync(AuditContext context, string what, Func<IReadOnlyDictionary<string, string>, IReadOnlyList<string>> enabled, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var flags = await context.FlagsAsync(ct).ConfigureAwait(false);
        if (!flags.Ok)
        {
            return ProbeResult.Inconclusive($"unknown: the flags are not readable ({flags.Problem}); GET on the feature's own endpoint answers 405 either way, and it is never POSTed");
        }

        var hits = enabled(flags.Value!);
        if (hits.Count == 0)
        {
            return ProbeResult.Clear($"{what} is disabled");
        }

        var anonymous = context.Client.Settings.Authorization is null
            ? (await context.GetAsync("/api/v1/status/buildinfo", ct).ConfigureAwait(false)).IsSuccess
            : (await context.GetAnonymousAsync("/api/v1/status/buildinfo", ct).ConfigureAwait(false)).IsSuccess;
        return ProbeResult.Exposed(
            anonymous ? $"{what} is enabled and the server answers without authentication" : $"{what} is enabled (authenticated users can use it)",
            hits, elevated: anonymous);
    }

    /// <summary>"name: value" lines for the flags in <paramref name="names"/> set to true.</summary>
    public static IReadOnlyList<string> True(IReadOnlyDictionary<string, string> flags, params string[] names) =>
        [.. names.Where(n => flags.GetValueOrDefault(n) == "true").Select(n => $"flag {n}: true")];
}
