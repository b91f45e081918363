using k8s.Models;
using static Kubeguard.Admission.Tests.TestObjects;

namespace Kubeguard.Admission.Tests;

public class NamespaceAdmissionTests
{
    private const string Enforce = "pod-security.kubernetes.io/enforce";

    private static readonly PodSecurityConfiguration ExemptTest = Config("""
        apiVersion: pod-security.admission.config.k8s.io/v1
        kind: PodSecurityConfiguration
        exemptions: {namespaces: [test]}
        """);

    [Fact]
    public async Task Creating_a_namespace_with_a_bad_label_is_invalid()
    {
        var decision = await Evaluator([]).EvaluateAsync(NamespaceCreate(Namespace("test", (Enforce, "foo"))));

        Assert.False(decision.Allowed);
        Assert.Equal(422, decision.Status!.Code);
        Assert.Equal("Invalid", decision.Status.Reason);
        Assert.Equal("Namespace \"test\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\": must be one of privileged, baseline, restricted", decision.Status.Message);
        var cause = Assert.Single(decision.Status.Causes);
        Assert.Equal(new AdmissionStatusCause("FieldValueInvalid", "Invalid value: \"foo\": must be one of privileged, baseline, restricted", "metadata.labels[pod-security.kubernetes.io/enforce]"), cause);
    }

    [Fact]
    public async Task Several_bad_labels_are_listed_in_brackets()
    {
        var ns = Namespace("test", (Enforce, "foo"), ("pod-security.kubernetes.io/warn-version", "v2"));

        var decision = await Evaluator([]).EvaluateAsync(NamespaceCreate(ns));

        Assert.Equal(
            "Namespace \"test\" is invalid: [metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"foo\": must be one of privileged, baseline, restricted, metadata.labels[pod-security.kubernetes.io/warn-version]: Invalid value: \"v2\": must be \"latest\" or \"v1.x\"]",
            decision.Status!.Message);
    }

    [Fact]
    public async Task Identical_pre_existing_label_errors_do_not_block_unrelated_updates()
    {
        var old = Namespace("test", (Enforce, "foo"));
        var now = Namespace("test", (Enforce, "foo"), ("team", "a"));

        var decision = await Evaluator([]).EvaluateAsync(NamespaceUpdate(now, old));

        Assert.True(decision.Allowed);
    }

    [Fact]
    public async Task A_new_label_error_on_update_is_invalid()
    {
        var decision = await Evaluator([]).EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "bar")), Namespace("test", (Enforce, "foo"))));

        Assert.Equal(422, decision.Status!.Code);
    }

    [Fact]
    public async Task Tightening_enforce_warns_about_existing_pods_grouped_by_reasons()
    {
        var pods = new[]
        {
            PrivilegedPod("p3", "test"), PrivilegedPod("p1", "test"), PrivilegedPod("p2", "test"),
            Pod("solo", "test", change: p => p.Spec.Containers[0].Ports = [new V1ContainerPort { ContainerPort = 80, HostPort = 80 }]),
            Pod("twin-b", "test", change: p => p.Spec.HostPID = true),
            Pod("twin-a", "test", change: p => p.Spec.HostPID = true),
            RestrictedPod("fine", "test"),
        };

        var decision = await Evaluator([], pods: pods).EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.True(decision.Allowed);
        Assert.Equal(
            [
                "existing pods in namespace \"test\" violate the new PodSecurity enforce level \"baseline:latest\"",
                "p1 (and 2 other pods): privileged",
                "solo: hostPort",
                "twin-a (and 1 other pod): host namespaces",
            ],
            decision.Warnings.ToArray());
    }

    [Fact]
    public async Task Existing_pods_are_checked_with_reasons_only_at_restricted()
    {
        var decision = await Evaluator([], pods: [Pod("a", "test")]).EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "restricted")), Namespace("test")));

        Assert.Equal("a: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile", decision.Warnings[1]);
    }

    [Theory]
    [InlineData("restricted", "", "restricted", "")]
    [InlineData("privileged", "", "baseline", "")]
    [InlineData("baseline", "", "restricted", "")]
    [InlineData("baseline", "v1.30", "baseline", "v1.30")]
    public async Task Updates_that_do_not_tighten_enforce_skip_the_pod_check(string level, string version, string oldLevel, string oldVersion)
    {
        static V1Namespace Ns(string level, string version) => version.Length == 0
            ? Namespace("test", (Enforce, level))
            : Namespace("test", (Enforce, level), ("pod-security.kubernetes.io/enforce-version", version));

        var decision = await Evaluator([], pods: [PrivilegedPod("p", "test")]).EvaluateAsync(NamespaceUpdate(Ns(level, version), Ns(oldLevel, oldVersion)));

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task A_version_change_alone_rechecks_pods()
    {
        var now = Namespace("test", (Enforce, "baseline"), ("pod-security.kubernetes.io/enforce-version", "v1.30"));

        var decision = await Evaluator([], pods: [PrivilegedPod("p", "test")]).EvaluateAsync(NamespaceUpdate(now, Namespace("test", (Enforce, "baseline"))));

        Assert.Equal("existing pods in namespace \"test\" violate the new PodSecurity enforce level \"baseline:v1.30\"", decision.Warnings[0]);
    }

    [Fact]
    public async Task Pods_with_an_exempt_runtime_class_are_not_counted()
    {
        var config = Config("""
            apiVersion: pod-security.admission.config.k8s.io/v1
            kind: PodSecurityConfiguration
            exemptions: {runtimeClasses: [kata]}
            """);
        var pods = new[] { PrivilegedPod("a", "test"), Pod("b", "test", change: p => { p.Spec.RuntimeClassName = "kata"; p.Spec.HostIPC = true; }) };

        var decision = await Evaluator([], config, pods).EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.Equal(["existing pods in namespace \"test\" violate the new PodSecurity enforce level \"baseline:latest\"", "a: privileged"], decision.Warnings.ToArray());
    }

    [Fact]
    public async Task The_check_stops_when_the_time_budget_runs_out_and_says_how_many_pods_it_saw()
    {
        // The clock reads 300, 600, 900 and 1200 ms after each pod: the 1 s budget expires during the fourth.
        var pods = Enumerable.Range(0, 10).Select(i => PrivilegedPod($"p{i}", "test")).ToArray();
        var evaluator = Evaluator([], pods: pods, time: new SteppingTimeProvider(TimeSpan.FromMilliseconds(300)));

        var decision = await evaluator.EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.Equal("new PodSecurity enforce level only checked against the first 4 of 10 existing pods", decision.Warnings[0]);
        Assert.Equal("p0 (and 3 other pods): privileged", decision.Warnings[2]);
    }

    [Fact]
    public async Task The_budget_is_half_the_time_left_before_the_request_deadline_when_that_is_shorter()
    {
        var pods = Enumerable.Range(0, 10).Select(i => PrivilegedPod($"p{i}", "test")).ToArray();
        var time = new SteppingTimeProvider(TimeSpan.FromMilliseconds(100));
        var deadline = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromMilliseconds(400);
        var attributes = NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")) with { Deadline = deadline };

        var decision = await Evaluator([], pods: pods, time: time).EvaluateAsync(attributes);

        // Budget 200 ms: the clock reads 100 ms after the first pod and 200 ms after the second.
        Assert.Equal("new PodSecurity enforce level only checked against the first 2 of 10 existing pods", decision.Warnings[0]);
    }

    [Fact]
    public async Task At_most_3000_pods_are_checked_with_the_first_of_each_controller_first()
    {
        var owner = new V1OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "rs-uid", Controller = true };
        var replicas = Enumerable.Range(0, 3000).Select(i => Pod($"replica-{i:D4}", "test", change: p => p.Metadata.OwnerReferences = [owner])).ToList();
        var loners = new[] { PrivilegedPod("zz-privileged", "test"), Pod("zz-hostpid", "test", change: p => p.Spec.HostPID = true) };

        var decision = await Evaluator([], pods: [.. replicas, .. loners], time: new SteppingTimeProvider(TimeSpan.Zero))
            .EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "restricted")), Namespace("test")));

        Assert.Equal("new PodSecurity enforce level only checked against the first 3000 of 3002 existing pods", decision.Warnings[0]);
        Assert.Contains("zz-privileged: privileged, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile", decision.Warnings);
        Assert.Contains("zz-hostpid: host namespaces, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile", decision.Warnings);
        Assert.Contains("replica-0000 (and 2997 other pods): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile", decision.Warnings);
    }

    [Fact]
    public async Task A_pod_list_failure_gives_one_warning()
    {
        var evaluator = new AdmissionEvaluator(PodSecurityConfiguration.Default, new FailingPodSource());

        var decision = await evaluator.EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.True(decision.Allowed);
        Assert.Equal(["failed to list pods while checking new PodSecurity enforce level"], decision.Warnings.ToArray());
    }

    [Fact]
    public async Task Creating_an_exempt_namespace_with_a_policy_warns_that_it_is_ignored()
    {
        var ns = Namespace("test", (Enforce, "restricted"), ("pod-security.kubernetes.io/enforce-version", "v1.0"), ("pod-security.kubernetes.io/audit", "restricted"), ("pod-security.kubernetes.io/warn", "baseline"));

        var decision = await Evaluator([], ExemptTest).EvaluateAsync(NamespaceCreate(ns));

        Assert.Equal(["namespace \"test\" is exempt from Pod Security, and the policy (enforce=restricted:v1.0, audit=restricted:latest, warn=baseline:latest) will be ignored"], decision.Warnings.ToArray());
    }

    [Fact]
    public async Task An_exempt_namespace_with_a_privileged_policy_gets_no_warning()
    {
        var decision = await Evaluator([], ExemptTest).EvaluateAsync(NamespaceCreate(Namespace("test", (Enforce, "privileged"))));

        Assert.Same(AdmissionDecision.Allow, decision);
    }

    [Fact]
    public async Task Tightening_an_exempt_namespace_warns_instead_of_checking_pods()
    {
        var decision = await Evaluator([], ExemptTest, [PrivilegedPod("p", "test")])
            .EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.Equal(["namespace \"test\" is exempt from Pod Security, and the policy (enforce=baseline:latest) will be ignored"], decision.Warnings.ToArray());
    }

    [Fact]
    public async Task A_non_namespace_object_and_bad_old_objects_are_bad_requests()
    {
        var evaluator = Evaluator([]);

        var wrong = await evaluator.EvaluateAsync(NamespaceCreate(Namespace("a")) with { NewObject = Json(Pod()) });
        var oldWrong = await evaluator.EvaluateAsync(NamespaceUpdate(Namespace("a"), Namespace("a")) with { OldObject = Json(Pod()) });
        var oldMissing = await evaluator.EvaluateAsync(NamespaceUpdate(Namespace("a"), Namespace("a")) with { OldObject = null });

        Assert.Equal("failed to decode namespace", wrong.Status!.Message);
        Assert.Equal("failed to decode  old namespace", oldWrong.Status!.Message);
        Assert.Equal("failed to decode  old object", oldMissing.Status!.Message);
    }

    [Fact]
    public async Task Namespace_subresources_are_allowed_and_namespace_requests_record_no_metrics()
    {
        var evaluator = Evaluator([], pods: [PrivilegedPod("p", "test")]);

        var status = await evaluator.EvaluateAsync(NamespaceCreate(Namespace("test", (Enforce, "foo"))) with { Subresource = "status" });
        var update = await evaluator.EvaluateAsync(NamespaceUpdate(Namespace("test", (Enforce, "baseline")), Namespace("test")));

        Assert.Same(AdmissionDecision.Allow, status);
        Assert.Empty(update.Metrics);
    }

    private sealed class FailingPodSource : INamespaceSource
    {
        public ValueTask<NamespaceLookup> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
            ValueTask.FromResult(NamespaceLookup.Found(null));

        public Task<IReadOnlyList<V1Pod>> ListPodsAsync(string name, CancellationToken cancellationToken) =>
            throw new NamespaceSourceException("connection refused");
    }
}
