using k8s.Models;
using static Kubeguard.Admission.Tests.TestObjects;

namespace Kubeguard.Admission.Tests;

public class WorkloadAdmissionTests
{
    private static readonly V1Namespace RestrictedNs = Namespace("ns", ("pod-security.kubernetes.io/enforce", "restricted"));

    [Fact]
    public async Task A_violating_deployment_is_warned_about_and_audited_but_never_denied()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "restricted"), ("pod-security.kubernetes.io/audit", "baseline"));

        var decision = await Evaluator([ns]).EvaluateAsync(DeploymentCreate(Deployment(PrivilegedPod())));

        Assert.True(decision.Allowed);
        Assert.Null(decision.Status);
        Assert.Single(decision.Warnings);
        Assert.StartsWith("would violate PodSecurity \"restricted:latest\": privileged (container \"x\" must not set securityContext.privileged=true), allowPrivilegeEscalation != false", decision.Warnings[0], StringComparison.Ordinal);
        Assert.Equal("would violate PodSecurity \"baseline:latest\": privileged (container \"x\" must not set securityContext.privileged=true)", decision.AuditAnnotations["audit-violations"]);
        Assert.False(decision.AuditAnnotations.ContainsKey("enforce-policy"));
        Assert.All(decision.Metrics, m => Assert.Equal("controller", m.Resource));
    }

    [Fact]
    public async Task A_namespace_that_opts_in_rejects_a_violating_deployment_at_apply_time()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "baseline"), (PodSecurityLabels.EnforceWorkloads, "true"));

        var decision = await Evaluator([ns]).EvaluateAsync(DeploymentCreate(Deployment(PrivilegedPod())));

        Assert.False(decision.Allowed);
        Assert.Equal(403, decision.Status!.Code);
        Assert.Equal("deployments.apps \"web\" is forbidden: violates PodSecurity \"baseline:latest\": privileged (container \"x\" must not set securityContext.privileged=true)", decision.Status.Message);
        Assert.Equal("apps", decision.Status.DetailsGroup);
        Assert.Equal("deployments", decision.Status.DetailsKind);
        Assert.Empty(decision.Warnings);
    }

    [Fact]
    public async Task The_opt_in_allows_a_compliant_deployment()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "restricted"), (PodSecurityLabels.EnforceWorkloads, "true"));

        var decision = await Evaluator([ns]).EvaluateAsync(DeploymentCreate(Deployment(RestrictedPod())));

        Assert.True(decision.Allowed);
        Assert.Equal("restricted:latest", decision.AuditAnnotations["enforce-policy"]);
    }

    [Fact]
    public async Task Workload_updates_are_always_evaluated()
    {
        var deployment = Deployment(PrivilegedPod());
        var attributes = DeploymentCreate(deployment) with { Operation = "UPDATE", OldObject = Json(deployment) };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.Single(decision.Warnings);
    }

    [Fact]
    public async Task Workload_subresources_are_ignored()
    {
        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(DeploymentCreate(Deployment(PrivilegedPod())) with { Subresource = "scale" });

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task A_namespace_lookup_failure_fails_open_with_an_error_annotation()
    {
        var decision = await Evaluator([]).EvaluateAsync(DeploymentCreate(Deployment(PrivilegedPod())));

        Assert.True(decision.Allowed);
        Assert.Equal("failed to lookup namespace \"ns\": namespaces \"ns\" not found", decision.AuditAnnotations["error"]);
        Assert.True(Assert.Single(decision.Metrics).Fatal);
    }

    [Fact]
    public async Task Only_enforce_set_to_privileged_for_audit_and_warn_skips_workloads()
    {
        var ns = Namespace("ns", ("pod-security.kubernetes.io/enforce", "restricted"), ("pod-security.kubernetes.io/warn", "privileged"));

        var decision = await Evaluator([ns]).EvaluateAsync(DeploymentCreate(Deployment(PrivilegedPod())));

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task A_replication_controller_without_a_template_is_allowed()
    {
        var rc = new V1ReplicationController { ApiVersion = "v1", Kind = "ReplicationController", Metadata = new V1ObjectMeta { Name = "rc", NamespaceProperty = "ns" }, Spec = new V1ReplicationControllerSpec() };
        var attributes = new AdmissionAttributes { Operation = "CREATE", Resource = "replicationcontrollers", Name = "rc", Namespace = "ns", NewObject = Json(rc) };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.True(decision.Allowed);
        Assert.Empty(decision.Warnings);
        Assert.Empty(decision.AuditAnnotations);
    }

    [Fact]
    public async Task A_cronjob_template_is_found_under_the_job_template()
    {
        var template = PrivilegedPod();
        var cronJob = new V1CronJob
        {
            ApiVersion = "batch/v1",
            Kind = "CronJob",
            Metadata = new V1ObjectMeta { Name = "cj", NamespaceProperty = "ns" },
            Spec = new V1CronJobSpec
            {
                Schedule = "* * * * *",
                JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = template.Spec } } },
            },
        };
        var attributes = new AdmissionAttributes { Operation = "CREATE", Group = "batch", Resource = "cronjobs", Name = "cj", Namespace = "ns", NewObject = Json(cronJob) };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.Single(decision.Warnings);
    }

    [Fact]
    public async Task An_object_without_a_pod_template_fails_open_with_an_extraction_error()
    {
        var attributes = new AdmissionAttributes
        {
            Operation = "CREATE", Group = "example.com", Resource = "widgets", Name = "w", Namespace = "ns",
            NewObject = System.Text.Json.JsonDocument.Parse("""{"apiVersion":"example.com/v1","kind":"Widget"}""").RootElement,
        };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.True(decision.Allowed);
        Assert.Equal("failed to extract pod template: unexpected object \"Widget\"", decision.AuditAnnotations["error"]);
    }

    [Fact]
    public async Task An_undecodable_workload_fails_open()
    {
        var attributes = DeploymentCreate(Deployment(PrivilegedPod())) with { NewObject = System.Text.Json.JsonDocument.Parse("""{"kind":"Deployment"}""").RootElement };

        var decision = await Evaluator([RestrictedNs]).EvaluateAsync(attributes);

        Assert.True(decision.Allowed);
        Assert.Equal("failed to decode object: Object 'apiVersion' is missing", decision.AuditAnnotations["error"]);
    }

    [Fact]
    public void An_evaluation_failure_fails_closed_for_pods_and_open_for_workloads()
    {
        var pod = AdmissionEvaluator.InternalFailure(PodCreate(Pod()), "boom");
        var workload = AdmissionEvaluator.InternalFailure(DeploymentCreate(Deployment(Pod())), "boom");

        Assert.False(pod.Allowed);
        Assert.Equal("Internal error occurred: boom", pod.Status!.Message);
        Assert.True(workload.Allowed);
        Assert.Equal("boom", workload.AuditAnnotations["error"]);
    }
}
