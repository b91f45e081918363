using System.Collections.Immutable;

namespace Kubeguard.Checks;

/// <summary>Rules every catalog of checks beyond Pod Security must satisfy.</summary>
public static class CatalogValidation
{
    /// <summary>Every problem with the catalog and severity table; empty when valid.</summary>
    public static IReadOnlyList<string> Problems(ImmutableArray<InventoryCheck> checks, SeverityTable severities, IEnumerable<string> reservedIds)
    {
        ArgumentNullException.ThrowIfNull(severities);
        ArgumentNullException.ThrowIfNull(reservedIds);
        var problems = new List<string>();
        var reserved = reservedIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            if (!IsKebabCase(check.Id))
            {
                problems.Add($"check ID \"{check.Id}\" is not kebab-case");
            }

            if (!seen.Add(check.Id))
            {
                problems.Add($"check ID \"{check.Id}\" is registered twice");
            }

            if (reserved.Contains(check.Id))
            {
                problems.Add($"check ID \"{check.Id}\" is a Pod Security check ID");
            }

            if (string.IsNullOrWhiteSpace(check.Title))
            {
                problems.Add($"check \"{check.Id}\" has no title");
            }

            if (!IsSentence(check.Rationale))
            {
                problems.Add($"check \"{check.Id}\" rationale must be a sentence ending in a period");
            }

            if (!IsSentence(check.Fix))
            {
                problems.Add($"check \"{check.Id}\" fix must be a sentence ending in a period");
            }

            if (!severities.Contains(check.Id))
            {
                problems.Add($"check \"{check.Id}\" has no default severity");
            }
        }

        foreach (var id in severities.Ids.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal))
        {
            problems.Add($"severity table names unknown check \"{id}\"");
        }

        return problems;
    }

    /// <summary>Lower-case words of letters and digits joined by single hyphens.</summary>
    public static bool IsKebabCase(string? id) =>
        !string.IsNullOrEmpty(id) && id[0] is >= 'a' and <= 'z' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal)
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static bool IsSentence(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.TrimEnd().EndsWith('.');
}
