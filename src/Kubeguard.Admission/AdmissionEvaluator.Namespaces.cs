using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Admission;

public sealed partial class AdmissionEvaluator
{
    // Upstream 7.4: validate labels; on a tightened enforce level, warn about existing pods.
    private async ValueTask<AdmissionDecision> ValidateNamespaceAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        if (attributes.Subresource.Length > 0)
        {
            return AdmissionDecision.Allow;
        }

        var (ns, error) = DecodeNamespace(attributes.NewObject, "failed to decode object", "failed to decode namespace");
        if (ns is null)
        {
            return new AdmissionDecision { Allowed = false, Status = error };
        }

        var name = ns.Metadata?.Name ?? attributes.Name;
        var labels = ns.Metadata?.Labels is { } l ? new Dictionary<string, string>(l, StringComparer.Ordinal) : null;
        var resolution = NamespacePolicy.Resolve(labels, _configuration.Defaults);
        if (attributes.Operation == "CREATE")
        {
            if (resolution.HasErrors)
            {
                return Invalid(name, resolution);
            }

            return AllowWithExemptWarning(name, resolution.Policy, labels);
        }

        var (oldNs, oldError) = DecodeNamespace(attributes.OldObject, "failed to decode  old object", "failed to decode  old namespace");
        if (oldNs is null)
        {
            return new AdmissionDecision { Allowed = false, Status = oldError };
        }

        var oldLabels = oldNs.Metadata?.Labels is { } ol ? new Dictionary<string, string>(ol, StringComparer.Ordinal) : null;
        var oldResolution = NamespacePolicy.Resolve(oldLabels, _configuration.Defaults);
        if (resolution.HasErrors && (!oldResolution.HasErrors || !resolution.HasSameErrorsAs(oldResolution)))
        {
            return Invalid(name, resolution);
        }

        var now = resolution.Policy.Enforce;
        var before = oldResolution.Policy.Enforce;
        if (now == before || now.Level == Level.Privileged || (now.Version == before.Version && now.Level <= before.Level))
        {
            return AdmissionDecision.Allow;
        }

        if (_configuration.IsExemptNamespace(name))
        {
            return AllowWithExemptWarning(name, resolution.Policy, labels);
        }

        var warnings = await CheckExistingPodsAsync(name, now, attributes.Deadline, cancellationToken).ConfigureAwait(false);
        return new AdmissionDecision { Allowed = true, Warnings = [.. warnings] };
    }

    private static (V1Namespace? Namespace, AdmissionStatus? Error) DecodeNamespace(System.Text.Json.JsonElement? raw, string objectError, string namespaceError)
    {
        var (value, _) = ObjectDecoder.Decode(raw);
        return value switch
        {
            null => (null, AdmissionStatus.BadRequest(objectError)),
            V1Namespace ns => (ns, null),
            _ => (null, AdmissionStatus.BadRequest(namespaceError)),
        };
    }

    private static AdmissionDecision Invalid(string name, PolicyResolution resolution) => new()
    {
        Allowed = false,
        Status = new AdmissionStatus(422, "Invalid", $"Namespace {GoText.Quote(name)} is invalid: {FieldError.Aggregate(resolution.Errors)}")
        {
            DetailsKind = "Namespace",
            DetailsName = name,
            Causes = [.. resolution.Errors.Select(e => new AdmissionStatusCause(e.CauseReason, e.Body, e.Field))],
        },
    };

    private AdmissionDecision AllowWithExemptWarning(string name, NamespacePolicy policy, IReadOnlyDictionary<string, string>? labels)
    {
        if (!_configuration.IsExemptNamespace(name) || policy.IsFullyPrivileged || policy.IsEquivalentTo(_configuration.Defaults))
        {
            return AdmissionDecision.Allow;
        }

        var parts = new List<string>(3);
        if (policy.Enforce.Level != Level.Privileged && PodSecurityLabels.HasModeLabel(labels, PodSecurityLabels.Enforce, PodSecurityLabels.EnforceVersion))
        {
            parts.Add("enforce=" + policy.Enforce);
        }

        if (policy.Audit.Level != Level.Privileged && PodSecurityLabels.HasModeLabel(labels, PodSecurityLabels.Audit, PodSecurityLabels.AuditVersion))
        {
            parts.Add("audit=" + policy.Audit);
        }

        if (policy.Warn.Level != Level.Privileged && PodSecurityLabels.HasModeLabel(labels, PodSecurityLabels.Warn, PodSecurityLabels.WarnVersion))
        {
            parts.Add("warn=" + policy.Warn);
        }

        var warning = $"namespace {GoText.Quote(name)} is exempt from Pod Security, and the policy ({string.Join(", ", parts)}) will be ignored";
        return new AdmissionDecision { Allowed = true, Warnings = [warning] };
    }
}
