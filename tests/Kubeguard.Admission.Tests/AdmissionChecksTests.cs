using k8s.Models;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;

namespace Kubeguard.Admission.Tests;

public class AdmissionChecksTests
{
    private static readonly V1Namespace Team = TestObjects.Namespace("ns", (TestObjects.Restricted, "baseline"));

    // A pod that passes restricted but runs "nginx:latest" on the default service account.
    private static V1Pod LatestPod(string name = "x")
    {
        var pod = TestObjects.RestrictedPod(name);
        pod.Spec.Containers[0].Image = "nginx:latest";
        return pod;
    }

    private static readonly string[] LatestPodWarnings =
    [
        "kubeguard image-not-pinned-by-digest (low): container \"x\" image \"nginx:latest\" is not pinned by digest",
        "kubeguard image-mutable-tag (medium): container \"x\" image \"nginx:latest\" uses the mutable tag \"latest\"",
        "kubeguard image-pull-policy-takes-moved-tag (low): container \"x\" image \"nginx:latest\" is pulled by tag at every start (imagePullPolicy defaults to Always for this tag)",
        "kubeguard default-service-account (low): Pod x names no service account, so it runs as \"default\"",
    ];

    private static async Task<(AdmissionDecision PodSecurity, AdmissionDecision WithChecks)> DecideAsync(
        AdmissionAttributes attributes, AdmissionCheckOptions? options = null, params V1Namespace[] namespaces)
    {
        var source = new StaticNamespaceSource(namespaces.Length == 0 ? [Team] : namespaces);
        var evaluator = new AdmissionEvaluator(PodSecurityConfiguration.Default, source);
        var checks = new AdmissionChecks(options ?? new AdmissionCheckOptions(), source, new SteppingTimeProvider(TimeSpan.Zero));
        var decision = await evaluator.EvaluateAsync(attributes);
        return (decision, await checks.ApplyAsync(attributes, decision));
    }

    [Fact]
    public async Task Findings_of_an_admitted_pod_are_added_as_warnings_after_pod_security_ones()
    {
        // Given: a pod allowed at baseline with a Pod Security warning (warn follows enforce only
        // when enforce is labelled; here warn is labelled restricted)
        var ns = TestObjects.Namespace("ns", (TestObjects.Restricted, "baseline"), ("pod-security.kubernetes.io/warn", "restricted"));
        var pod = LatestPod();
        pod.Spec.Containers[0].SecurityContext.AllowPrivilegeEscalation = null;

        // When
        var (psa, decision) = await DecideAsync(TestObjects.PodCreate(pod), null, ns);

        // Then
        Assert.True(decision.Allowed);
        var psaWarning = Assert.Single(psa.Warnings);
        Assert.Equal([psaWarning, .. LatestPodWarnings], decision.Warnings.ToArray());
        Assert.Equal(psa.AuditAnnotations, decision.AuditAnnotations);
        Assert.Equal(psa.Metrics, decision.Metrics);
    }

    [Fact]
    public async Task Checks_that_need_other_objects_never_fire_at_admission()
    {
        // A scan of the same pod and namespace reports a missing default-deny NetworkPolicy and an
        // automounted token (nothing says the ServiceAccount opts out); neither can be judged from one request.
        var (_, decision) = await DecideAsync(TestObjects.PodCreate(LatestPod()));

        Assert.DoesNotContain(decision.Warnings, w => w.Contains("namespace-without-default-deny", StringComparison.Ordinal));
        Assert.DoesNotContain(decision.Warnings, w => w.Contains("service-account-token-automounted", StringComparison.Ordinal));
        var scan = InventoryEvaluator.Default.Evaluate(Inventory.From([
            new InventoryObject(LatestPod(), SourceLocation.Unknown), new InventoryObject(Team, SourceLocation.Unknown)]));
        Assert.Contains(scan, f => f.CheckId == "namespace-without-default-deny");
        Assert.Contains(scan, f => f.CheckId == "service-account-token-automounted");
    }

    [Fact]
    public async Task A_finding_at_the_deny_severity_denies_with_every_such_finding_and_no_warnings()
    {
        var (_, decision) = await DecideAsync(TestObjects.PodCreate(LatestPod()), new AdmissionCheckOptions { DenyOn = Severity.Medium });

        Assert.False(decision.Allowed);
        Assert.Empty(decision.Warnings);
        var status = decision.Status!;
        Assert.Equal((403, "Forbidden"), (status.Code, status.Reason));
        Assert.Equal(
            "pods \"x\" is forbidden: violates Kubeguard checks: image-mutable-tag (medium): container \"x\" image \"nginx:latest\" uses the mutable tag \"latest\"",
            status.Message);
        Assert.Equal(("", "pods", "x"), (status.DetailsGroup, status.DetailsKind, status.DetailsName));
    }

    [Fact]
    public async Task Findings_below_the_deny_severity_stay_warnings()
    {
        var (_, decision) = await DecideAsync(TestObjects.PodCreate(LatestPod()), new AdmissionCheckOptions { DenyOn = Severity.High });

        Assert.True(decision.Allowed);
        Assert.Equal(LatestPodWarnings, decision.Warnings.ToArray());
    }

    [Fact]
    public async Task A_pod_security_denial_is_returned_unchanged()
    {
        var ns = TestObjects.Namespace("ns", (TestObjects.Restricted, "restricted"));

        var (psa, decision) = await DecideAsync(TestObjects.PodCreate(TestObjects.PrivilegedPod()), new AdmissionCheckOptions { DenyOn = Severity.Info }, ns);

        Assert.False(psa.Allowed);
        Assert.Same(psa, decision);
    }

    [Fact]
    public async Task A_workload_gets_the_same_findings_named_by_its_kind()
    {
        var deployment = TestObjects.Deployment(LatestPod());

        var (_, decision) = await DecideAsync(TestObjects.DeploymentCreate(deployment));

        Assert.Contains("kubeguard default-service-account (low): Deployment web names no service account, so it runs as \"default\"", decision.Warnings);
        Assert.Contains(LatestPodWarnings[1], decision.Warnings);
    }

    [Fact]
    public async Task Requests_the_checks_do_not_judge_are_returned_unchanged()
    {
        var pod = LatestPod();
        var labelsOnly = LatestPod();
        labelsOnly.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "web" };
        var requests = new[]
        {
            TestObjects.PodUpdate(labelsOnly, pod),                      // not a significant pod update
            TestObjects.PodUpdate(pod, pod, subresource: "status"),      // a subresource Pod Security ignores
            TestObjects.PodCreate(pod) with { Operation = "DELETE" },
            TestObjects.NamespaceCreate(TestObjects.Namespace("other")),
        };

        foreach (var request in requests)
        {
            var (psa, decision) = await DecideAsync(request);
            Assert.Same(psa, decision);
        }
    }

    [Fact]
    public async Task A_pod_update_that_changes_an_image_is_judged()
    {
        var old = TestObjects.RestrictedPod();
        old.Spec.Containers[0].Image = "nginx@sha256:" + new string('a', 64);

        var (_, decision) = await DecideAsync(TestObjects.PodUpdate(LatestPod(), old));

        Assert.Equal(LatestPodWarnings, decision.Warnings.ToArray());
    }

    [Fact]
    public async Task Exemptions_from_the_file_and_from_annotations_silence_their_findings()
    {
        // Given: the file exempts the mutable tag for this pod; an annotation exempts the default service account
        var file = ExemptionsFile.Parse("""
            apiVersion: kubeguard.io/v1alpha1
            kind: Exemptions
            exemptions:
              - check: image-mutable-tag
                namespace: ns
                name: x
                reason: upstream publishes only latest
                owner: team-web
                expires: 2026-12-31
            """, "exemptions.yaml");
        Assert.Empty(file.Problems);
        var pod = LatestPod();
        pod.Metadata.Annotations = new Dictionary<string, string>
        {
            ["exempt.kubeguard.io/default-service-account"] = "reason=no API access; owner=team-web; expires=2026-06-30",
        };

        // When
        var (_, decision) = await DecideAsync(TestObjects.PodCreate(pod), new AdmissionCheckOptions { Exemptions = file, DenyOn = Severity.Medium });

        // Then: neither is reported, and nothing reaches the deny severity any more
        Assert.True(decision.Allowed);
        Assert.Equal([LatestPodWarnings[0], LatestPodWarnings[2]], decision.Warnings.ToArray());
    }

    [Fact]
    public async Task An_expired_exemption_no_longer_applies()
    {
        var file = ExemptionsFile.Parse("""
            apiVersion: kubeguard.io/v1alpha1
            kind: Exemptions
            exemptions:
              - check: image-mutable-tag
                name: x
                reason: temporary
                owner: team-web
                expires: 2025-12-31
            """, "exemptions.yaml");

        var (_, decision) = await DecideAsync(TestObjects.PodCreate(LatestPod()), new AdmissionCheckOptions { Exemptions = file });

        Assert.Equal(LatestPodWarnings, decision.Warnings.ToArray());
    }

    [Fact]
    public async Task Only_the_chosen_families_run()
    {
        var options = new AdmissionCheckOptions { Checks = CheckOptions.Default with { Families = [CheckFamily.WorkloadIdentity] } };

        var (_, decision) = await DecideAsync(TestObjects.PodCreate(LatestPod()), options);

        Assert.Equal([LatestPodWarnings[3]], decision.Warnings.ToArray());
    }

    [Fact]
    public void Only_checks_that_read_nothing_but_the_object_and_its_namespace_run_at_admission()
    {
        Assert.Equal(
            [
                "image-not-pinned-by-digest", "image-mutable-tag", "image-registry-not-allowed", "image-pull-policy-takes-moved-tag",
                "projected-token-without-audience", "projected-token-long-expiry", "default-service-account",
                "tee-003", "tee-004", "tee-007", "tee-008", "tee-010",
            ],
            AdmissionChecks.SingleObjectCheckIds.ToArray());
        Assert.All(BuiltInChecks.All.Where(c => !AdmissionChecks.SingleObjectCheckIds.Contains(c.Id)),
            c => Assert.Contains(c.Reads, r => r is not ("Pod" or "workloads" or "Namespace")));
    }
}
