using System.Collections.Immutable;
using System.Globalization;

namespace Kubeguard.Checks.Exemptions;

/// <summary>
/// Exemptions written on the object itself, one annotation per check:
/// <c>exempt.kubeguard.io/&lt;check-id&gt;: "reason=…; owner=…; expires=YYYY-MM-DD"</c>.
/// They match only the annotated object; the same reason, owner and expiry rules apply as in the file.
/// </summary>
public static class InlineExemptions
{
    /// <summary>The annotation prefix; the check ID follows the slash.</summary>
    public const string Prefix = "exempt.kubeguard.io/";

    /// <summary>Reads the exemptions in an object's annotations.</summary>
    public static ExemptionSet Parse(ObjectRef subject, IDictionary<string, string>? annotations)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (annotations is null || annotations.Count == 0)
        {
            return ExemptionSet.Empty;
        }

        var exemptions = ImmutableArray.CreateBuilder<Exemption>();
        var problems = ImmutableArray.CreateBuilder<ExemptionProblem>();
        foreach (var (key, value) in annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var checkId = key[Prefix.Length..];
            var source = $"{subject} annotation {key}";
            var fields = Fields(value ?? string.Empty);
            var errors = new List<string>();
            if (BuiltInChecks.Find(checkId) is null)
            {
                errors.Add($"unknown check \"{checkId}\"");
            }

            var reason = Required(fields, "reason", errors);
            var owner = Required(fields, "owner", errors);
            var expires = ExpiryDate(Required(fields, "expires", errors), errors);
            if (errors.Count > 0)
            {
                problems.Add(new ExemptionProblem(source, string.Join("; ", errors)));
                continue;
            }

            exemptions.Add(new Exemption(checkId, reason!, owner!, expires!.Value, source) { OnlyFor = subject });
        }

        return new ExemptionSet(exemptions.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>A date written as <c>YYYY-MM-DD</c>; an error otherwise.</summary>
    internal static DateOnly? ExpiryDate(string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"expires \"{text}\" is not a date (YYYY-MM-DD)");
        return null;
    }

    private static Dictionary<string, string> Fields(string value)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
            }
        }

        return fields;
    }

    private static string? Required(Dictionary<string, string> fields, string name, List<string> errors)
    {
        if (fields.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        errors.Add($"{name} is required");
        return null;
    }
}
