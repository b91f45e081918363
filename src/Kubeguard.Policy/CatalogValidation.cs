namespace Kubeguard.Policy;

/// <summary>The registry rules a check catalog must follow (upstream's check validation).</summary>
public static class CatalogValidation
{
    /// <summary>Every problem with <paramref name="checks"/>; empty when the catalog is valid.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<Check> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var baselineIds = list.Where(c => c?.Level == Level.Baseline).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var check in list)
        {
            if (check is null)
            {
                problems.Add("null check");
                continue;
            }

            if (string.IsNullOrEmpty(check.Id))
            {
                problems.Add("check with an empty ID");
            }
            else if (!ids.Add(check.Id))
            {
                problems.Add($"{check.Id}: duplicate ID");
            }

            if (check.Level is not (Level.Baseline or Level.Restricted))
            {
                problems.Add($"{check.Id}: level must be baseline or restricted, not {check.Level}");
            }

            if (check.Versions.IsDefaultOrEmpty)
            {
                problems.Add($"{check.Id}: no versions");
                continue;
            }

            PolicyVersion? previous = null;
            foreach (var version in check.Versions)
            {
                if (version.MinimumVersion.IsLatest)
                {
                    problems.Add($"{check.Id}: minimum version may not be latest");
                }
                else if (previous is { } p && version.MinimumVersion <= p)
                {
                    problems.Add($"{check.Id}: versions must strictly increase ({version.MinimumVersion} after {p})");
                }

                previous = version.MinimumVersion;
                if (version.Evaluate is null)
                {
                    problems.Add($"{check.Id}@{version.MinimumVersion}: no implementation");
                }

                if (!version.Overrides.IsDefaultOrEmpty)
                {
                    if (check.Level != Level.Restricted)
                    {
                        problems.Add($"{check.Id}: only restricted checks may override");
                    }

                    foreach (var overridden in version.Overrides.Where(o => !baselineIds.Contains(o)))
                    {
                        problems.Add($"{check.Id}@{version.MinimumVersion}: overrides unknown baseline check {overridden}");
                    }
                }
            }
        }

        return problems;
    }
}
