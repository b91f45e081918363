using System.Collections.Frozen;
using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Admission;

/// <summary>
/// Pod Security Admission's decision for one request, as upstream's admission plugin makes it:
/// Namespaces (label validation and a dry-run of existing pods), Pods (enforce, audit, warn) and
/// workload resources (audit and warn; enforce too where a namespace opts in with
/// <see cref="PodSecurityLabels.EnforceWorkloads"/>).
/// </summary>
public sealed partial class AdmissionEvaluator
{
    internal static readonly FrozenSet<string> IgnoredPodSubresources = FrozenSet.Create(
        StringComparer.Ordinal, "exec", "attach", "binding", "eviction", "log", "portforward", "proxy", "status");

    private readonly PodSecurityConfiguration _configuration;
    private readonly INamespaceSource _namespaces;
    private readonly PolicyEvaluator _policy;
    private readonly TimeProvider _time;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="configuration">Defaults and exemptions.</param>
    /// <param name="namespaces">Where namespace labels and existing pods come from.</param>
    /// <param name="policy">The Pod Security evaluator; <see cref="PolicyEvaluator.Default"/> when null.</param>
    /// <param name="time">The clock for the namespace dry-run budget; the system clock when null.</param>
    public AdmissionEvaluator(
        PodSecurityConfiguration configuration, INamespaceSource namespaces, PolicyEvaluator? policy = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(namespaces);
        _configuration = configuration;
        _namespaces = namespaces;
        _policy = policy ?? PolicyEvaluator.Default;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Upper bound on existing pods checked when a namespace's enforce level is tightened.</summary>
    public const int NamespaceDryRunPodLimit = 3000;

    /// <summary>Upper bound on the time spent checking existing pods.</summary>
    public static readonly TimeSpan NamespaceDryRunBudget = TimeSpan.FromSeconds(1);

    /// <summary>Decides one request. Never throws on request content.</summary>
    public ValueTask<AdmissionDecision> EvaluateAsync(AdmissionAttributes attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Operation is not ("CREATE" or "UPDATE"))
        {
            return ValueTask.FromResult(AdmissionDecision.Allow);
        }

        return (attributes.Group, attributes.Resource) switch
        {
            ("", "namespaces") => ValidateNamespaceAsync(attributes, cancellationToken),
            ("", "pods") => ValidatePodAsync(attributes, cancellationToken),
            _ => ValidateWorkloadAsync(attributes, cancellationToken),
        };
    }

    /// <summary>
    /// The answer when evaluation itself failed unexpectedly: fail closed for pods and namespaces
    /// (as Pod Security Admission does for enforce), fail open for workload resources.
    /// </summary>
    public static AdmissionDecision InternalFailure(AdmissionAttributes attributes, string error)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var closed = attributes.Group.Length == 0 && attributes.Resource is "pods" or "namespaces";
        return closed
            ? new AdmissionDecision { Allowed = false, Status = AdmissionStatus.InternalError(error) }
            : AdmissionDecision.Allow with { AuditAnnotations = AdmissionDecision.Allow.AuditAnnotations.Add(AuditAnnotations.Error, error) };
    }

    private DecisionBuilder Builder(AdmissionAttributes attributes, string metricResource) =>
        new(attributes, metricResource, _policy.MaxVersion);

    private static AdmissionDecision Exempt(DecisionBuilder builder, string why)
    {
        builder.Annotate(AuditAnnotations.Exempt, why);
        builder.CountExemption();
        return builder.Allow();
    }

    // Upstream 7.5: runtime-class exemption, label errors, then enforce, audit and warn.
    private AdmissionDecision EvaluatePod(
        AdmissionAttributes attributes, DecisionBuilder builder, PolicyResolution resolution, V1ObjectMeta? metadata, V1PodSpec? spec, bool enforce)
    {
        if (_configuration.IsExemptRuntimeClass(spec?.RuntimeClassName))
        {
            return Exempt(builder, "runtimeClass");
        }

        if (resolution.HasErrors)
        {
            builder.Annotate(AuditAnnotations.Error, "Failed to parse policy: " + FieldError.Aggregate(resolution.Errors));
            builder.CountError(fatal: false);
        }

        var policy = resolution.Policy;
        var results = new Dictionary<LevelVersion, PodSecurityResult>(3);
        PodSecurityResult Evaluate(LevelVersion lv)
        {
            if (!results.TryGetValue(lv, out var result))
            {
                result = _policy.Evaluate(lv, metadata, spec);
                results[lv] = result;
            }

            return result;
        }

        AdmissionStatus? denial = null;
        if (enforce)
        {
            builder.Annotate(AuditAnnotations.EnforcePolicy, policy.Enforce.ToString());
            var result = Evaluate(policy.Enforce);
            if (!result.Allowed)
            {
                denial = new AdmissionStatus(403, "Forbidden", result.DenialMessage(attributes.Name, attributes.QualifiedResource))
                {
                    DetailsGroup = attributes.Group,
                    DetailsKind = attributes.Resource,
                    DetailsName = attributes.Name,
                };
            }

            builder.CountEvaluation(result.Allowed, policy.Enforce, "enforce");
        }

        var audit = Evaluate(policy.Audit);
        if (!audit.Allowed)
        {
            builder.Annotate(AuditAnnotations.AuditViolations, audit.WarningMessage);
            builder.CountEvaluation(allowed: false, policy.Audit, "audit");
        }

        if (denial is not null)
        {
            return builder.Deny(denial);
        }

        var warn = Evaluate(policy.Warn);
        if (!warn.Allowed)
        {
            builder.Warn(warn.WarningMessage);
            builder.CountEvaluation(allowed: false, policy.Warn, "warn");
        }

        return builder.Allow();
    }
}
