namespace Kubeguard.PromAudit.Probes;

/// <summary>Shared shapes for the reconnaissance probes.</summary>
internal static class Recon
{
    /// <summary>Runs several queries; inconclusive only when every one failed.</summary>
    public static async Task<(IReadOnlyList<IReadOnlyList<Series>> Results, string? Problem)> QueryAllAsync(AuditContext context, CancellationToken ct, params string[] queries)
    {
        var results = new List<IReadOnlyList<Series>>();
        string? problem = null;
        var ok = 0;
        foreach (var query in queries)
        {
            var answer = await context.QueryAsync(query, ct).ConfigureAwait(false);
            ok += answer.Ok ? 1 : 0;
            problem ??= answer.Ok ? null : answer.Problem;
            results.Add(answer.Value ?? []);
        }

        return (results, ok == 0 ? problem : null);
    }

    /// <summary>"a, b, c (+N more)" over distinct, sorted values.</summary>
    public static string List(IEnumerable<string> values, int max = 8)
    {
        var distinct = values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return string.Join(", ", distinct.Take(max)) + (distinct.Count > max ? $" (+{distinct.Count - max} more)" : "");
    }
}
