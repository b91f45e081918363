using k8s.Models;
using static Kubeguard.Admission.Tests.TestObjects;

namespace Kubeguard.Admission.Tests;

public class PodAdmissionTests
{
    private const string RestrictedDenial =
        "pods \"x\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"x\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"x\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"x\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"x\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")";

    private static readonly V1Namespace RestrictedNs = Namespace("ns", ("pod-security.kubernetes.io/enforce", "restricted"));

    [Fact]
    public async Task A_pod_violating_enforce_is_forbidden_with_the_api_server_message()
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodCreate(Pod()));

        Assert.False(decision.Allowed);
        Assert.Equal(403, decision.Status!.Code);
        Assert.Equal("Forbidden", decision.Status.Reason);
        Assert.Equal(RestrictedDenial, decision.Status.Message);
        Assert.Equal("pods", decision.Status.DetailsKind);
        Assert.Equal("x", decision.Status.DetailsName);
        Assert.Equal("restricted:latest", decision.AuditAnnotations["enforce-policy"]);
    }

    [Fact]
    public async Task A_pod_without_a_name_is_forbidden_without_quoting_a_name()
    {
        var pod = Pod(change: p => p.Metadata.Name = null);

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodCreate(pod) with { Name = "" });

        Assert.StartsWith("pods is forbidden: violates PodSecurity \"restricted:latest\": ", decision.Status!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compliant_pod_is_allowed_with_the_enforce_policy_annotation_and_an_allow_metric()
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodCreate(RestrictedPod()));

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Warnings);
        Assert.Equal("restricted:latest", decision.AuditAnnotations["enforce-policy"]);
        var metric = Assert.Single(decision.Metrics);
        Assert.Equal(new MetricEvent(MetricKind.Evaluation, "create", "pod", "") { Decision = "allow", PolicyLevel = "restricted", PolicyVersion = "latest", Mode = "enforce" }, metric);
    }

    [Fact]
    public async Task Warnings_are_dropped_on_denial_but_audit_still_runs()
    {
        var ns = Namespace("ns",
            ("pod-security.kubernetes.io/enforce", "baseline"),
            ("pod-security.kubernetes.io/audit", "restricted"),
            ("pod-security.kubernetes.io/warn", "restricted"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(PrivilegedPod()));

        Assert.False(decision.Allowed);
        Assert.Equal("pods \"x\" is forbidden: violates PodSecurity \"baseline:latest\": privileged (container \"x\" must not set securityContext.privileged=true)", decision.Status!.Message);
        Assert.Empty(decision.Warnings);
        Assert.StartsWith("would violate PodSecurity \"restricted:latest\": privileged (container \"x\" must not set securityContext.privileged=true), allowPrivilegeEscalation != false", decision.AuditAnnotations["audit-violations"], StringComparison.Ordinal);
        Assert.Equal(["enforce:deny", "audit:deny"], decision.Metrics.Select(m => m.Mode + ":" + m.Decision));
    }

    [Fact]
    public async Task Warn_and_audit_report_without_denying()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/warn", "baseline"), ("pod-security.kubernetes.io/warn-version", "v1.30"), ("pod-security.kubernetes.io/audit", "baseline"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(PrivilegedPod()));

        Assert.True(decision.Allowed);
        Assert.Equal(["would violate PodSecurity \"baseline:v1.30\": privileged (container \"x\" must not set securityContext.privileged=true)"], decision.Warnings.ToArray());
        Assert.Equal("would violate PodSecurity \"baseline:latest\": privileged (container \"x\" must not set securityContext.privileged=true)", decision.AuditAnnotations["audit-violations"]);
        Assert.Equal("privileged:latest", decision.AuditAnnotations["enforce-policy"]);
        Assert.Contains(decision.Metrics, m => m.Mode == "warn" && m.PolicyVersion == "v1.30" && m.Decision == "deny");
    }

    [Fact]
    public async Task A_fully_privileged_namespace_allows_with_the_privileged_annotation()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "privileged"), ("pod-security.kubernetes.io/enforce-version", "v1.20"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(PrivilegedPod()));

        Assert.True(decision.Allowed);
        Assert.Equal("privileged:latest", decision.AuditAnnotations["enforce-policy"]);
        Assert.Equal("latest", Assert.Single(decision.Metrics).PolicyVersion);
    }

    [Fact]
    public async Task An_invalid_enforce_label_fails_closed_at_restricted_and_records_the_parse_error()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "foo"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(Pod()));

        Assert.False(decision.Allowed);
        Assert.Equal(RestrictedDenial, decision.Status!.Message);
        Assert.Equal(
            "Failed to parse policy: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\": must be one of privileged, baseline, restricted",
            decision.AuditAnnotations["error"]);
        Assert.Contains(decision.Metrics, m => m is { Kind: MetricKind.Error, Fatal: false });
    }

    [Fact]
    public async Task An_invalid_privileged_label_set_still_evaluates_instead_of_the_privileged_shortcut()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/warn", "nope"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(PrivilegedPod()));

        Assert.True(decision.Allowed);
        Assert.StartsWith("Failed to parse policy: ", decision.AuditAnnotations["error"], StringComparison.Ordinal);
        Assert.Equal("privileged:latest", decision.AuditAnnotations["enforce-policy"]);
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("attach")]
    [InlineData("binding")]
    [InlineData("eviction")]
    [InlineData("log")]
    [InlineData("portforward")]
    [InlineData("proxy")]
    [InlineData("status")]
    public async Task Ignored_pod_subresources_are_allowed_with_nothing_recorded(string subresource)
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodCreate(Pod()) with { Subresource = subresource });

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task Adding_an_ephemeral_container_is_enforced()
    {
        var old = RestrictedPod();
        var now = RestrictedPod();
        now.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }];

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodUpdate(now, old, "ephemeralcontainers"));

        Assert.False(decision.Allowed);
        Assert.Equal(
            "pods \"x\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"debug\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"debug\" must set securityContext.capabilities.drop=[\"ALL\"])",
            decision.Status!.Message);
        Assert.Equal("ephemeralcontainers", decision.Metrics[0].Subresource);
    }

    [Fact]
    public async Task Updates_that_change_no_image_or_container_are_not_evaluated()
    {
        var old = Pod();
        var now = Pod(change: p =>
        {
            p.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
            p.Metadata.Annotations = new Dictionary<string, string> { ["container.apparmor.security.beta.kubernetes.io/x"] = "unconfined" };
            p.Spec.ActiveDeadlineSeconds = 5;
        });

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodUpdate(now, old));

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task An_image_change_makes_an_update_significant()
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodUpdate(Pod(image: "nginx:2"), Pod()));

        Assert.Equal(RestrictedDenial, decision.Status!.Message);
    }

    [Fact]
    public async Task Exempt_namespaces_and_users_are_allowed_with_the_exempt_annotation()
    {
        var config = Config("""
            apiVersion: pod-security.admission.config.k8s.io/v1
            kind: PodSecurityConfiguration
            exemptions: {namespaces: [ns], usernames: [bob]}
            """);
        var other = Namespace("other", ("pod-security.kubernetes.io/enforce", "restricted"));
        var evaluator = Evaluator([RestrictedNs, other], config);

        var byNamespace = await evaluator.EvaluateAsync(PodCreate(Pod()));
        var byUser = await evaluator.EvaluateAsync(PodCreate(Pod(ns: "other"), username: "bob"));

        Assert.True(byNamespace.Allowed);
        Assert.Equal("namespace", byNamespace.AuditAnnotations["exempt"]);
        Assert.True(byUser.Allowed);
        Assert.Equal("user", byUser.AuditAnnotations["exempt"]);
        Assert.Equal(MetricKind.Exemption, Assert.Single(byUser.Metrics).Kind);
    }

    [Fact]
    public async Task An_exempt_runtime_class_skips_evaluation()
    {
        var config = Config("""
            apiVersion: pod-security.admission.config.k8s.io/v1
            kind: PodSecurityConfiguration
            exemptions: {runtimeClasses: [kata]}
            """);

        var decision = await Evaluator([RestrictedNs], config).EvaluateAsync(PodCreate(Pod(change: p => p.Spec.RuntimeClassName = "kata")));

        Assert.True(decision.Allowed);
        Assert.Equal("runtimeClass", decision.AuditAnnotations["exempt"]);
        Assert.False(decision.AuditAnnotations.ContainsKey("enforce-policy"));
    }

    [Fact]
    public async Task A_missing_namespace_fails_closed_with_an_internal_error()
    {
        var decision = await Evaluator([]).EvaluateAsync(PodCreate(Pod()));

        Assert.False(decision.Allowed);
        Assert.Equal(500, decision.Status!.Code);
        Assert.Equal("InternalError", decision.Status.Reason);
        Assert.Equal("Internal error occurred: failed to lookup namespace \"ns\"", decision.Status.Message);
        Assert.Equal("Internal error occurred: failed to lookup namespace \"ns\": namespaces \"ns\" not found", decision.AuditAnnotations["error"]);
        Assert.True(Assert.Single(decision.Metrics).Fatal);
    }

    [Fact]
    public async Task An_object_that_is_not_a_pod_is_a_bad_request()
    {
        var attributes = PodCreate(Pod()) with { NewObject = Json(Namespace("x")) };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.Equal(400, decision.Status!.Code);
        Assert.Equal("failed to decode pod", decision.Status.Message);
        Assert.Equal("failed to decode pod: expected a Pod, got \"Namespace\"", decision.AuditAnnotations["error"]);
    }

    [Fact]
    public async Task An_undecodable_object_is_a_bad_request()
    {
        var attributes = PodCreate(Pod()) with { NewObject = System.Text.Json.JsonDocument.Parse("""{"apiVersion":"v1","kind":"Pod","spec":{"containers":"nope"}}""").RootElement };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.Equal("failed to decode object", decision.Status!.Message);
        Assert.StartsWith("failed to decode object: ", decision.AuditAnnotations["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_old_object_on_update_is_a_bad_request()
    {
        var attributes = PodUpdate(Pod(), Pod()) with { OldObject = Json(Namespace("x")) };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.Equal("failed to decode old pod", decision.Status!.Message);
    }

    [Theory]
    [InlineData("DELETE")]
    [InlineData("CONNECT")]
    public async Task Delete_and_connect_are_not_evaluated(string operation)
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(PodCreate(Pod()) with { Operation = operation });

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task A_version_newer_than_the_engine_is_labelled_future_in_metrics_but_printed_as_requested()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "baseline"), ("pod-security.kubernetes.io/enforce-version", "v1.99"));

        var decision = await Evaluator([ns]).EvaluateAsync(PodCreate(PrivilegedPod()));

        Assert.Contains("violates PodSecurity \"baseline:v1.99\"", decision.Status!.Message, StringComparison.Ordinal);
        Assert.Equal("future", decision.Metrics[0].PolicyVersion);
    }
}
