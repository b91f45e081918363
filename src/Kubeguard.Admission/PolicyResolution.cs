using System.Collections.Immutable;

namespace Kubeguard.Admission;

/// <summary>A namespace's resolved policy and the label errors met on the way (in label order).</summary>
/// <param name="Policy">The policy to apply (with fallbacks for bad labels).</param>
/// <param name="Errors">Label errors; empty when every label was valid.</param>
public sealed record PolicyResolution(NamespacePolicy Policy, ImmutableArray<FieldError> Errors)
{
    /// <summary>True when some label could not be parsed.</summary>
    public bool HasErrors => !Errors.IsDefaultOrEmpty;

    /// <summary>True when both resolutions carry the same error texts in the same order.</summary>
    public bool HasSameErrorsAs(PolicyResolution other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Errors.Select(e => e.ToString()).SequenceEqual(other.Errors.Select(e => e.ToString()), StringComparer.Ordinal);
    }
}
