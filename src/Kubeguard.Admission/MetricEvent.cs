namespace Kubeguard.Admission;

/// <summary>Which upstream Pod Security counter a <see cref="MetricEvent"/> increments.</summary>
public enum MetricKind
{
    /// <summary><c>pod_security_evaluations_total</c>.</summary>
    Evaluation,

    /// <summary><c>pod_security_exemptions_total</c>.</summary>
    Exemption,

    /// <summary><c>pod_security_errors_total</c>.</summary>
    Error,
}

/// <summary>
/// One increment of an upstream Pod Security metric, with upstream's label values. Labels that do
/// not apply to <see cref="Kind"/> are empty.
/// </summary>
/// <param name="Kind">The counter.</param>
/// <param name="Operation"><c>create</c> or <c>update</c>.</param>
/// <param name="Resource"><c>pod</c>, <c>namespace</c> or <c>controller</c>.</param>
/// <param name="Subresource">The subresource, or empty.</param>
public sealed record MetricEvent(MetricKind Kind, string Operation, string Resource, string Subresource)
{
    /// <summary>Evaluations: <c>allow</c> or <c>deny</c>.</summary>
    public string Decision { get; init; } = string.Empty;

    /// <summary>Evaluations: the level.</summary>
    public string PolicyLevel { get; init; } = string.Empty;

    /// <summary>Evaluations: <c>latest</c>, <c>v1.N</c> or <c>future</c>.</summary>
    public string PolicyVersion { get; init; } = string.Empty;

    /// <summary>Evaluations: <c>enforce</c>, <c>audit</c> or <c>warn</c>.</summary>
    public string Mode { get; init; } = string.Empty;

    /// <summary>Errors: whether the error prevented evaluation.</summary>
    public bool Fatal { get; init; }
}
