using System.Collections.Immutable;

namespace Kubeguard.Admission;

/// <summary>The answer to one admission request.</summary>
public sealed record AdmissionDecision
{
    /// <summary>True when the request may proceed.</summary>
    public required bool Allowed { get; init; }

    /// <summary>The failure status when not allowed.</summary>
    public AdmissionStatus? Status { get; init; }

    /// <summary>Warnings for the client (never set on a denial).</summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary>Audit annotations, unprefixed (<c>enforce-policy</c>, <c>audit-violations</c>, <c>exempt</c>, <c>error</c>).</summary>
    public ImmutableSortedDictionary<string, string> AuditAnnotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Metric events to count.</summary>
    public ImmutableArray<MetricEvent> Metrics { get; init; } = [];

    /// <summary>An allowed request with nothing recorded.</summary>
    public static AdmissionDecision Allow { get; } = new() { Allowed = true };
}
