using k8s.Models;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Admission;

public sealed partial class AdmissionEvaluator
{
    // Upstream 7.2: pods and their evaluated subresources (notably ephemeralcontainers) are enforced.
    private async ValueTask<AdmissionDecision> ValidatePodAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        if (IgnoredPodSubresources.Contains(attributes.Subresource))
        {
            return AdmissionDecision.Allow;
        }

        var builder = Builder(attributes, "pod");
        if (ExemptRequest(builder, attributes) is { } exempt)
        {
            return exempt;
        }

        var lookup = await _namespaces.GetNamespaceAsync(attributes.Namespace, cancellationToken).ConfigureAwait(false);
        if (lookup.Error is not null)
        {
            var status = AdmissionStatus.InternalError($"failed to lookup namespace {GoText.Quote(attributes.Namespace)}");
            return Fail(builder, status, lookup.Error);
        }

        var resolution = NamespacePolicy.Resolve(lookup.Labels, _configuration.Defaults);
        if (!resolution.HasErrors && resolution.Policy.IsFullyPrivileged)
        {
            builder.Annotate(AuditAnnotations.EnforcePolicy, new LevelVersion(Level.Privileged, PolicyVersion.Latest).ToString());
            builder.CountEvaluation(allowed: true, resolution.Policy.Enforce, "enforce");
            return builder.Allow();
        }

        var (pod, podError) = DecodePod(attributes.NewObject, "object", "pod");
        if (pod is null)
        {
            return Fail(builder, podError!.Value.Status, podError.Value.Error);
        }

        if (attributes.Operation == "UPDATE")
        {
            var (oldPod, oldError) = DecodePod(attributes.OldObject, "old object", "old pod");
            if (oldPod is null)
            {
                return Fail(builder, oldError!.Value.Status, oldError.Value.Error);
            }

            if (!PodUpdates.IsSignificant(pod, oldPod))
            {
                return AdmissionDecision.Allow;
            }
        }

        return EvaluatePod(attributes, builder, resolution, pod.Metadata, pod.Spec, enforce: true);
    }

    private static AdmissionDecision Fail(DecisionBuilder builder, AdmissionStatus status, string error)
    {
        builder.Annotate(AuditAnnotations.Error, status.Message + ": " + error);
        builder.CountError(fatal: true);
        return builder.Deny(status);
    }

    private static (V1Pod? Pod, (AdmissionStatus Status, string Error)? Error) DecodePod(System.Text.Json.JsonElement? raw, string objectWord, string podWord)
    {
        var (value, error) = ObjectDecoder.Decode(raw);
        if (value is null)
        {
            return (null, (AdmissionStatus.BadRequest("failed to decode " + objectWord), error ?? "no object"));
        }

        return value is V1Pod pod
            ? (pod, null)
            : (null, (AdmissionStatus.BadRequest("failed to decode " + podWord), "expected a Pod, got " + ObjectDecoder.Describe(value)));
    }

    // Upstream 7.3: workload resources are audited and warned about, never denied (unless the
    // namespace opts in to Kubeguard's workload enforcement), and fail open on errors.
    private async ValueTask<AdmissionDecision> ValidateWorkloadAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        if (attributes.Subresource.Length > 0)
        {
            return AdmissionDecision.Allow;
        }

        var builder = Builder(attributes, "controller");
        if (ExemptRequest(builder, attributes) is { } exempt)
        {
            return exempt;
        }

        var lookup = await _namespaces.GetNamespaceAsync(attributes.Namespace, cancellationToken).ConfigureAwait(false);
        if (lookup.Error is not null)
        {
            return FailOpen(builder, $"failed to lookup namespace {GoText.Quote(attributes.Namespace)}: {lookup.Error}");
        }

        var resolution = NamespacePolicy.Resolve(lookup.Labels, _configuration.Defaults);
        var policy = resolution.Policy;
        var enforce = lookup.Labels!.TryGetValue(PodSecurityLabels.EnforceWorkloads, out var optIn) && optIn == "true";
        if (!resolution.HasErrors && policy.Audit.Level == Level.Privileged && policy.Warn.Level == Level.Privileged
            && (!enforce || policy.Enforce.Level == Level.Privileged))
        {
            return AdmissionDecision.Allow;
        }

        var (value, error) = ObjectDecoder.Decode(attributes.NewObject);
        if (value is null)
        {
            return FailOpen(builder, "failed to decode object: " + error);
        }

        if (value is System.Text.Json.JsonElement)
        {
            return FailOpen(builder, "failed to extract pod template: unexpected object " + ObjectDecoder.Describe(value));
        }

        var template = PodTemplates.From(value);
        if (template is null)
        {
            return AdmissionDecision.Allow;
        }

        return EvaluatePod(attributes, builder, resolution, template.Metadata, template.Spec, enforce);
    }

    private static AdmissionDecision FailOpen(DecisionBuilder builder, string error)
    {
        builder.Annotate(AuditAnnotations.Error, error);
        builder.CountError(fatal: true);
        return builder.Allow();
    }

    /// <summary>Namespace, then user exemption (upstream's order), or null when neither applies.</summary>
    private AdmissionDecision? ExemptRequest(DecisionBuilder builder, AdmissionAttributes attributes) =>
        _configuration.IsExemptNamespace(attributes.Namespace) ? Exempt(builder, "namespace")
        : _configuration.IsExemptUser(attributes.Username) ? Exempt(builder, "user")
        : null;
}
