using System.Collections.Immutable;

namespace Kubeguard.Admission;

/// <summary>The outcome of loading a <c>PodSecurityConfiguration</c>: a configuration, or every error found.</summary>
/// <param name="Configuration">The loaded configuration; null when there are errors.</param>
/// <param name="Errors">Decoding or validation errors, one line each.</param>
public sealed record ConfigurationLoadResult(PodSecurityConfiguration? Configuration, ImmutableArray<string> Errors)
{
    /// <summary>True when the configuration loaded without errors.</summary>
    public bool Succeeded => Configuration is not null && Errors.IsDefaultOrEmpty;

    /// <summary>
    /// The errors as upstream prints them: one error alone, several joined with <c>", "</c> inside
    /// brackets (Kubernetes' aggregate error text); empty when the load succeeded.
    /// </summary>
    public string Message
    {
        get
        {
            if (Errors.IsDefaultOrEmpty)
            {
                return string.Empty;
            }

            var distinct = Errors.Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
        }
    }
}
