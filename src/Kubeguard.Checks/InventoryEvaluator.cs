using System.Collections.Immutable;

namespace Kubeguard.Checks;

/// <summary>Runs the checks beyond Pod Security over an inventory.</summary>
public sealed class InventoryEvaluator
{
    private readonly ImmutableArray<InventoryCheck> _checks;

    /// <summary>Creates an evaluator; throws <see cref="InvalidCheckCatalogException"/> for an invalid catalog.</summary>
    public InventoryEvaluator(ImmutableArray<InventoryCheck> checks, SeverityTable severities)
    {
        var problems = CatalogValidation.Problems(checks, severities, Policy.CheckCatalog.BuiltIn.Select(c => c.Id));
        if (problems.Count > 0)
        {
            throw new InvalidCheckCatalogException(problems);
        }

        _checks = checks;
    }

    /// <summary>The built-in checks with the default severity table.</summary>
    public static InventoryEvaluator Default { get; } = new(BuiltInChecks.All, SeverityTable.Default);

    /// <summary>The checks this evaluator runs when every family is on.</summary>
    public ImmutableArray<InventoryCheck> Checks => _checks;

    /// <summary>
    /// Every finding, ordered by check (catalog order), then source file and line, subject and
    /// path, so the output is the same for the same input.
    /// </summary>
    public ImmutableArray<CheckFinding> Evaluate(Inventory inventory, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        options ??= CheckOptions.Default;
        var context = new CheckContext(inventory, options);
        var findings = ImmutableArray.CreateBuilder<CheckFinding>();
        foreach (var check in _checks)
        {
            if (!options.Families.Contains(check.Family))
            {
                continue;
            }

            var severity = options.Severities[check.Id];
            var hits = check.Evaluate(context)
                .OrderBy(h => h.Location.File, StringComparer.Ordinal)
                .ThenBy(h => h.Location.Line)
                .ThenBy(h => h.Subject.ToString(), StringComparer.Ordinal)
                .ThenBy(h => h.JsonPath, StringComparer.Ordinal)
                .ThenBy(h => h.Message, StringComparer.Ordinal);
            foreach (var hit in hits)
            {
                findings.Add(new CheckFinding(check.Id, check.Family, hit.Severity is { } sub && severity == SeverityTable.Default[check.Id] ? sub : severity, hit.Subject, hit.Location, hit.JsonPath, hit.Message, check.Fix)
                {
                    Container = hit.Container,
                    Image = hit.Image,
                });
            }
        }

        return findings.ToImmutable();
    }
}
