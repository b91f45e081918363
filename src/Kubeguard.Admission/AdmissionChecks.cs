using System.Collections.Frozen;
using System.Collections.Immutable;
using k8s;
using k8s.Models;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Admission;

/// <summary>
/// The checks beyond Pod Security (<see cref="BuiltInChecks"/>) on one admitted Pod or workload, with
/// its Namespace as context: findings become warnings, and deny the request only at or above
/// <see cref="AdmissionCheckOptions.DenyOn"/>. Runs after the Pod Security decision and changes
/// nothing when that decision is a denial, when the request is not a Pod or workload, or when no
/// check fires, so Pod Security's answer stays byte for byte what it was.
/// </summary>
/// <remarks>
/// Only checks that can be judged from one object and its namespace run here: those that read
/// nothing but the pod-bearing object and its Namespace (<see cref="InventoryCheck.Reads"/>).
/// Checks that need other objects (a NetworkPolicy covering the namespace, the ServiceAccount's
/// automount setting, a Service selecting the pods, RBAC, RuntimeClass or Node objects) cannot be
/// judged from one request and are left to <c>kubeguard scan</c> and <c>kubeguard cluster</c>.
/// </remarks>
public sealed class AdmissionChecks
{
    /// <summary>The source location findings carry (an admission request has no file).</summary>
    public const string Source = "admission";

    private static readonly FrozenSet<string> ContextKinds = FrozenSet.Create(StringComparer.Ordinal, "Pod", "workloads", "Namespace");

    private readonly AdmissionCheckOptions _options;
    private readonly INamespaceSource _namespaces;
    private readonly InventoryEvaluator _evaluator;
    private readonly TimeProvider _time;

    /// <summary>Creates the admission checks.</summary>
    /// <param name="options">What to run and when to deny.</param>
    /// <param name="namespaces">Where the request's Namespace comes from.</param>
    /// <param name="time">The clock that judges exemption expiry; the system clock when null.</param>
    public AdmissionChecks(AdmissionCheckOptions options, INamespaceSource namespaces, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(namespaces);
        _options = options;
        _namespaces = namespaces;
        _time = time ?? TimeProvider.System;
        _evaluator = new InventoryEvaluator(BuiltInChecks.All, options.Checks.Severities);
    }

    /// <summary>The IDs of the checks that can run at admission, in catalog order.</summary>
    public static ImmutableArray<string> SingleObjectCheckIds { get; } = [.. BuiltInChecks.All.Where(IsSingleObject).Select(c => c.Id)];

    private static readonly FrozenSet<string> SingleObject = SingleObjectCheckIds.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when a check reads nothing but a pod-bearing object and its Namespace.</summary>
    public static bool IsSingleObject(InventoryCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Reads.Count > 0 && check.Reads.All(ContextKinds.Contains);
    }

    /// <summary>
    /// The decision with the checks' findings added: warnings, or a denial when a finding reaches
    /// <see cref="AdmissionCheckOptions.DenyOn"/>. Returns <paramref name="decision"/> itself when
    /// there is nothing to add.
    /// </summary>
    public async ValueTask<AdmissionDecision> ApplyAsync(AdmissionAttributes attributes, AdmissionDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Allowed || Subject(attributes) is not { } subject)
        {
            return decision;
        }

        var lookup = await _namespaces.GetNamespaceAsync(attributes.Namespace, cancellationToken).ConfigureAwait(false);
        var findings = Evaluate(subject, attributes.Namespace, lookup);
        if (findings.IsEmpty)
        {
            return decision;
        }

        var denying = _options.DenyOn is { } threshold ? findings.Where(f => f.Severity >= threshold).ToList() : [];
        if (denying.Count > 0)
        {
            var message = $"{attributes.QualifiedResource} {GoText.Quote(attributes.Name)} is forbidden: violates Kubeguard checks: "
                + string.Join("; ", denying.Select(Describe));
            return decision with
            {
                Allowed = false,
                Status = new AdmissionStatus(403, "Forbidden", message)
                {
                    DetailsGroup = attributes.Group,
                    DetailsKind = attributes.Resource,
                    DetailsName = attributes.Name,
                },
                Warnings = [],
            };
        }

        return decision with { Warnings = decision.Warnings.AddRange(findings.Select(f => "kubeguard " + Describe(f))) };
    }

    /// <summary>The active (not exempted) findings for one object in one namespace.</summary>
    public ImmutableArray<CheckFinding> Evaluate(IKubernetesObject<V1ObjectMeta> subject, string @namespace, NamespaceLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var objects = new List<InventoryObject> { new(subject, new SourceLocation(Source, 0)) };
        if (!string.IsNullOrEmpty(@namespace))
        {
            var ns = new V1Namespace
            {
                ApiVersion = "v1",
                Kind = "Namespace",
                Metadata = new V1ObjectMeta
                {
                    Name = @namespace,
                    Labels = lookup.Labels?.ToDictionary(StringComparer.Ordinal),
                    Annotations = lookup.Annotations?.ToDictionary(StringComparer.Ordinal),
                },
            };
            objects.Add(new InventoryObject(ns, new SourceLocation(Source, 0)));
        }

        var inventory = Inventory.From(objects);
        // Checks that need other objects see only this one here; their findings would be guesses.
        var findings = _evaluator.Evaluate(inventory, _options.Checks).Where(f => SingleObject.Contains(f.CheckId));
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        return ExemptionRules.Apply(findings, _options.Exemptions, today, inventory).Active;
    }

    private static string Describe(CheckFinding finding) =>
        $"{finding.CheckId} ({finding.Severity.ToWireString()}): {finding.Message}";

    // The pod-bearing object of a request the checks judge, or null: Pods (with the subresources Pod
    // Security evaluates, and updates only when Pod Security would look at them) and workloads.
    private static IKubernetesObject<V1ObjectMeta>? Subject(AdmissionAttributes attributes)
    {
        if (attributes.Operation is not ("CREATE" or "UPDATE"))
        {
            return null;
        }

        var isPod = attributes.Group.Length == 0 && attributes.Resource == "pods";
        if (isPod ? AdmissionEvaluator.IgnoredPodSubresources.Contains(attributes.Subresource) : attributes.Subresource.Length > 0)
        {
            return null;
        }

        if (attributes.Group.Length == 0 && attributes.Resource == "namespaces")
        {
            return null;
        }

        var (value, _) = ObjectDecoder.Decode(attributes.NewObject);
        if (value is not IKubernetesObject<V1ObjectMeta> subject || PodTemplates.From(value) is null)
        {
            return null;
        }

        if (isPod && attributes.Operation == "UPDATE"
            && (ObjectDecoder.Decode(attributes.OldObject).Value is not V1Pod old || !PodUpdates.IsSignificant((V1Pod)value, old)))
        {
            return null;
        }

        // The object as the API server will store it: in the request's namespace, with its name.
        subject.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(subject.Metadata.NamespaceProperty) && attributes.Namespace.Length > 0)
        {
            subject.Metadata.NamespaceProperty = attributes.Namespace;
        }

        if (string.IsNullOrEmpty(subject.Metadata.Name) && attributes.Name.Length > 0)
        {
            subject.Metadata.Name = attributes.Name;
        }

        return subject;
    }
}
