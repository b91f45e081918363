using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Admission;

/// <summary>Collects the parts of one decision (annotations, warnings, metric events) as a flow runs.</summary>
internal sealed class DecisionBuilder(AdmissionAttributes attributes, string metricResource, PolicyVersion serverVersion)
{
    private readonly ImmutableSortedDictionary<string, string>.Builder _annotations =
        ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);

    private readonly ImmutableArray<string>.Builder _warnings = ImmutableArray.CreateBuilder<string>();
    private readonly ImmutableArray<MetricEvent>.Builder _metrics = ImmutableArray.CreateBuilder<MetricEvent>();

    public void Annotate(string key, string value) => _annotations[key] = value;

    public void Warn(string warning) => _warnings.Add(warning);

    public void CountEvaluation(bool allowed, LevelVersion policy, string mode) =>
        _metrics.Add(Event(MetricKind.Evaluation) with
        {
            Decision = allowed ? "allow" : "deny",
            PolicyLevel = policy.Level.ToWireString(),
            PolicyVersion = VersionLabel(policy),
            Mode = mode,
        });

    public void CountExemption() => _metrics.Add(Event(MetricKind.Exemption));

    public void CountError(bool fatal) => _metrics.Add(Event(MetricKind.Error) with { Fatal = fatal });

    public AdmissionDecision Allow() => Build(allowed: true, status: null);

    public AdmissionDecision Deny(AdmissionStatus status) => Build(allowed: false, status);

    private AdmissionDecision Build(bool allowed, AdmissionStatus? status) => new()
    {
        Allowed = allowed,
        Status = status,
        Warnings = allowed ? _warnings.ToImmutable() : [],
        AuditAnnotations = _annotations.ToImmutable(),
        Metrics = _metrics.ToImmutable(),
    };

    private MetricEvent Event(MetricKind kind) =>
        new(kind, attributes.Operation.ToLowerInvariant(), metricResource, attributes.Subresource);

    private string VersionLabel(LevelVersion policy) =>
        policy.Level == Level.Privileged || policy.Version.IsLatest ? "latest"
        : policy.Version > serverVersion ? "future"
        : policy.Version.ToString();
}
