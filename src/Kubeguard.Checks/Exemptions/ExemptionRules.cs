using System.Collections.Immutable;

namespace Kubeguard.Checks.Exemptions;

/// <summary>
/// Applies exemptions to findings: the one function that <c>scan</c>, <c>cluster</c> and the
/// webhook call, so an exemption means the same everywhere.
/// </summary>
public static class ExemptionRules
{
    /// <summary>
    /// Splits findings into active and exempted. Exemptions come from <paramref name="set"/> and
    /// from <c>exempt.kubeguard.io/&lt;check-id&gt;</c> annotations on the subject (read through
    /// <paramref name="annotations"/>). Expired exemptions apply to nothing and are returned in
    /// <see cref="ExemptionOutcome{T}.Expired"/>.
    /// </summary>
    /// <param name="findings">The findings, in report order.</param>
    /// <param name="keyOf">What each finding is matched on.</param>
    /// <param name="set">Exemptions from the exemptions file.</param>
    /// <param name="today">The date to judge expiry by (the host's clock; the library has none).</param>
    /// <param name="annotations">The annotations of a subject, or null when unknown.</param>
    public static ExemptionOutcome<T> Apply<T>(
        IEnumerable<T> findings,
        Func<T, ExemptionKey> keyOf,
        ExemptionSet set,
        DateOnly today,
        Func<ObjectRef, IDictionary<string, string>?>? annotations = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(keyOf);
        ArgumentNullException.ThrowIfNull(set);

        var expired = new List<Exemption>(set.Exemptions.Where(e => e.IsExpired(today)));
        var live = set.Exemptions.Where(e => !e.IsExpired(today)).ToList();
        var problems = new List<ExemptionProblem>(set.Problems);
        var inline = new Dictionary<ObjectRef, IReadOnlyList<Exemption>>();
        var active = ImmutableArray.CreateBuilder<T>();
        var exempted = ImmutableArray.CreateBuilder<ExemptedFinding<T>>();

        foreach (var finding in findings)
        {
            var key = keyOf(finding);
            if (!inline.TryGetValue(key.Subject, out var fromAnnotations))
            {
                var parsed = InlineExemptions.Parse(key.Subject, annotations?.Invoke(key.Subject));
                problems.AddRange(parsed.Problems);
                expired.AddRange(parsed.Exemptions.Where(e => e.IsExpired(today)));
                fromAnnotations = [.. parsed.Exemptions.Where(e => !e.IsExpired(today))];
                inline[key.Subject] = fromAnnotations;
            }

            var by = live.FirstOrDefault(e => e.Matches(key)) ?? fromAnnotations.FirstOrDefault(e => e.Matches(key));
            if (by is null)
            {
                active.Add(finding);
            }
            else
            {
                exempted.Add(new ExemptedFinding<T>(finding, by));
            }
        }

        return new ExemptionOutcome<T>(active.ToImmutable(), exempted.ToImmutable(), [.. expired], [.. problems]);
    }

    /// <summary><see cref="Apply{T}"/> for findings of the checks beyond Pod Security, reading annotations from the inventory.</summary>
    public static ExemptionOutcome<CheckFinding> Apply(IEnumerable<CheckFinding> findings, ExemptionSet set, DateOnly today, Inventory? inventory = null) =>
        Apply(findings, KeyOf, set, today, inventory is null ? null : inventory.AnnotationsOf);

    /// <summary>The exemption key of a finding.</summary>
    public static ExemptionKey KeyOf(CheckFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new ExemptionKey(finding.CheckId, finding.Subject, finding.Container, finding.ImageDigest);
    }
}
