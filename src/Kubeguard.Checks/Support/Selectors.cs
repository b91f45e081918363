using k8s.Models;

namespace Kubeguard.Checks;

/// <summary>Label selector matching, as the API server does it.</summary>
public static class Selectors
{
    /// <summary>
    /// A Service-style selector (a plain map): matches when every pair is among the labels. A null
    /// or empty selector matches nothing (a Service without a selector has hand-made endpoints).
    /// </summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels)
    {
        if (selector is null || selector.Count == 0)
        {
            return false;
        }

        foreach (var (key, value) in selector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A <c>LabelSelector</c>: matchLabels and matchExpressions must all hold. An empty selector
    /// matches everything; an unknown operator matches nothing.
    /// </summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in Values.Each(selector.MatchExpressions))
        {
            string? actual = null;
            var has = labels is not null && expression.Key is not null && labels.TryGetValue(expression.Key, out actual);
            var values = Values.Strings(expression.Values);
            var holds = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual),
                "NotIn" => !has || !values.Contains(actual),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the selector has no terms (it selects every pod in the namespace).</summary>
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);
}
