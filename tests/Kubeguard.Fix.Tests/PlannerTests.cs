using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Tests;

/// <summary>Per check and safety class: what is planned, how it is classed, and what is applied.</summary>
public sealed class PlannerTests
{
    private const string PlainPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: app
        """;

    private static FixAction Action(FileFix result, string check, string? pathEnd = null) =>
        Assert.Single(Actions(result), a => a.CheckId == check && (pathEnd is null || a.Path.ToString().EndsWith(pathEnd, StringComparison.Ordinal)));

    private static IEnumerable<FixAction> Actions(FileFix result) => Assert.Single(result.Workloads).Actions;

    private static string Pod(string spec) => "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + spec;

    [Fact]
    public void An_absent_allow_privilege_escalation_is_inserted_as_safe()
    {
        var action = Action(Fix.Text(PlainPod), "allowPrivilegeEscalation");
        Assert.Equal((SafetyClass.Safe, ActionStatus.Applied, "insert"), (action.Class, action.Status, action.Operation));
        Assert.Equal("spec.containers[0].securityContext.allowPrivilegeEscalation", action.Path.ToString());
        Assert.Equal("false", action.After);
    }

    [Fact]
    public void An_explicit_true_is_never_overruled_without_allow()
    {
        var yaml = Pod("  containers:\n  - name: c\n    image: app\n    securityContext:\n      allowPrivilegeEscalation: true\n");
        var result = Fix.Text(yaml);
        var action = Action(result, "allowPrivilegeEscalation");
        Assert.Equal((SafetyClass.OptIn, ActionStatus.NeedsOptIn, "set"), (action.Class, action.Status, action.Operation));
        Assert.Contains("allowPrivilegeEscalation: true", result.OutputText, StringComparison.Ordinal);

        var allowed = Fix.Text(yaml, Fix.Restricted("allowPrivilegeEscalation"));
        Assert.Equal(ActionStatus.Applied, Action(allowed, "allowPrivilegeEscalation").Status);
        Assert.Contains("allowPrivilegeEscalation: false", allowed.OutputText, StringComparison.Ordinal);
        Assert.DoesNotContain("allowPrivilegeEscalation: true", allowed.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_privilege_escalation_is_skipped_while_privileged_stays_true()
    {
        var yaml = Pod("  containers:\n  - name: c\n    image: app\n    securityContext:\n      privileged: true\n");
        var result = Fix.Text(yaml);
        var action = Action(result, "allowPrivilegeEscalation");
        Assert.Equal(ActionStatus.Skipped, action.Status);
        Assert.Contains("privileged", action.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("allowPrivilegeEscalation", result.OutputText, StringComparison.Ordinal);

        var both = Fix.Text(yaml, Fix.At(Level.Restricted, PolicyVersion.Latest, null, "privileged"));
        Assert.Equal(ActionStatus.Applied, Action(both, "allowPrivilegeEscalation").Status);
        Assert.Contains("privileged: false", both.OutputText, StringComparison.Ordinal);
        Assert.Contains("allowPrivilegeEscalation: false", both.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_privilege_escalation_is_skipped_beside_CAP_SYS_ADMIN_unless_it_is_removed()
    {
        var yaml = Pod("  containers:\n  - name: c\n    image: app\n    securityContext:\n      capabilities:\n        add:\n        - CAP_SYS_ADMIN\n");
        Assert.Equal(ActionStatus.Skipped, Action(Fix.Text(yaml), "allowPrivilegeEscalation").Status);
        var removed = Fix.Text(yaml, Fix.Restricted("capabilities_restricted"));
        Assert.Equal(ActionStatus.Applied, Action(removed, "allowPrivilegeEscalation").Status);
        Assert.DoesNotContain("CAP_SYS_ADMIN", removed.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_ALL_is_safe_for_a_non_root_container_and_opt_in_for_one_that_may_run_as_root()
    {
        var root = Action(Fix.Text(PlainPod), "capabilities_restricted");
        Assert.Equal((SafetyClass.OptIn, ActionStatus.NeedsOptIn), (root.Class, root.Status));

        var nonRoot = Fix.Text(Pod("  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: c\n    image: app\n"));
        var action = Action(nonRoot, "capabilities_restricted");
        Assert.Equal((SafetyClass.Safe, ActionStatus.Applied), (action.Class, action.Status));
        Assert.Contains("- ALL", nonRoot.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Drop_ALL_becomes_safe_when_this_run_makes_the_container_non_root()
    {
        var result = Fix.Text(PlainPod, Fix.At(Level.Restricted, PolicyVersion.Latest, 10001));
        Assert.Equal(SafetyClass.Safe, Action(result, "capabilities_restricted").Class);
        Assert.True(Assert.Single(result.Workloads).After.Allowed);
    }

    [Fact]
    public void Seccomp_is_inserted_once_at_pod_level_for_every_container()
    {
        var yaml = Pod("  containers:\n  - name: a\n    image: app\n  - name: b\n    image: app\n  initContainers:\n  - name: i\n    image: app\n");
        var result = Fix.Text(yaml);
        var action = Action(result, "seccompProfile_restricted");
        Assert.Equal("spec.securityContext.seccompProfile", action.Path.ToString());
        Assert.Equal(SafetyClass.Safe, action.Class);
        Assert.Equal(1, result.OutputText.Split("seccompProfile").Length - 1);
    }

    [Fact]
    public void Baseline_inserts_nothing_into_a_pod_that_passes_baseline()
    {
        var result = Fix.Text(PlainPod, Fix.At(Level.Baseline, PolicyVersion.Latest));
        Assert.Empty(Actions(result));
        Assert.False(result.Changed);
    }

    [Fact]
    public void Nothing_is_inserted_for_checks_not_active_at_the_target_version()
    {
        var v121 = Fix.Text(PlainPod, Fix.At(Level.Restricted, PolicyVersion.Of(1, 21)));
        Assert.DoesNotContain(Actions(v121), a => a.CheckId == "capabilities_restricted");
        Assert.DoesNotContain("capabilities", v121.OutputText, StringComparison.Ordinal);

        var v118 = Fix.Text(PlainPod, Fix.At(Level.Restricted, PolicyVersion.Of(1, 18)));
        Assert.DoesNotContain("seccompProfile", v118.OutputText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1.24")]
    [InlineData("v1.25")]
    [InlineData("latest")]
    public void Windows_pods_never_get_linux_only_fields(string version)
    {
        var yaml = Pod("  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: c\n    image: app\n");
        var result = Fix.Text(yaml, Fix.At(Level.Restricted, PolicyVersion.Parse(version), null, "opt-in"));
        Assert.False(result.Changed);
        Assert.All(Actions(result), a => Assert.Equal(ActionStatus.Manual, a.Status));
        Assert.Equal(version == "v1.24", Actions(result).Any());
    }

    [Fact]
    public void Run_as_user_zero_is_manual_without_a_uid_and_replaced_with_the_given_one()
    {
        var yaml = Pod("  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n  containers:\n  - name: c\n    image: app\n");
        var manual = Action(Fix.Text(yaml), "runAsUser");
        Assert.Equal((SafetyClass.Manual, ActionStatus.Manual), (manual.Class, manual.Status));
        Assert.Contains("--run-as-user", manual.Note, StringComparison.Ordinal);

        var given = Fix.Text(yaml, Fix.At(Level.Restricted, PolicyVersion.Latest, 10001));
        var action = Action(given, "runAsUser");
        Assert.Equal((SafetyClass.OptIn, ActionStatus.Applied), (action.Class, action.Status));
        Assert.Contains("runAsUser: 10001", given.OutputText, StringComparison.Ordinal);
        Assert.DoesNotContain("runAsUser: 0", given.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_as_non_root_is_safe_when_every_container_already_has_a_non_zero_uid()
    {
        var yaml = Pod("  containers:\n  - name: c\n    image: app\n    securityContext:\n      runAsUser: 1000\n");
        var action = Action(Fix.Text(yaml), "runAsNonRoot");
        Assert.Equal((SafetyClass.Safe, ActionStatus.Applied, "spec.securityContext.runAsNonRoot"), (action.Class, action.Status, action.Path.ToString()));
    }

    [Fact]
    public void Run_as_non_root_without_a_known_uid_needs_opt_in_and_is_applied_with_allow()
    {
        var action = Action(Fix.Text(PlainPod), "runAsNonRoot");
        Assert.Equal((SafetyClass.OptIn, ActionStatus.NeedsOptIn), (action.Class, action.Status));
        var allowed = Fix.Text(PlainPod, Fix.Restricted("runAsNonRoot"));
        Assert.Contains("runAsNonRoot: true", allowed.OutputText, StringComparison.Ordinal);
        Assert.DoesNotContain("runAsUser", allowed.OutputText, StringComparison.Ordinal);
    }

    [Fact]
    public void Restricted_volumes_and_host_paths_are_manual_with_a_suggestion_naming_the_mounts()
    {
        var yaml = Pod("  containers:\n  - name: c\n    image: app\n    volumeMounts:\n    - name: logs\n      mountPath: /logs\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n");
        foreach (var (level, check) in new[] { (Level.Baseline, "hostPathVolumes"), (Level.Restricted, "restrictedVolumes") })
        {
            var result = Fix.Text(yaml, Fix.At(level, PolicyVersion.Latest, 1000, "opt-in"));
            var action = Action(result, check);
            Assert.Equal((SafetyClass.Manual, ActionStatus.Manual), (action.Class, action.Status));
            Assert.Contains("mounted by \"c\"", action.Note, StringComparison.Ordinal);
            Assert.Contains("path: /var/log", result.OutputText, StringComparison.Ordinal);
            Assert.Equal([check], Assert.Single(result.Workloads).After.Violations.Select(v => v.CheckId));
        }
    }

    [Fact]
    public void Host_process_is_manual()
    {
        var yaml = Pod("  os:\n    name: windows\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  hostNetwork: true\n  containers:\n  - name: c\n    image: app\n");
        var action = Action(Fix.Text(yaml, Fix.At(Level.Baseline, PolicyVersion.Latest)), "windowsHostProcess");
        Assert.Equal(ActionStatus.Manual, action.Status);
    }

    [Theory]
    [InlineData("privileged", "  containers:\n  - name: c\n    image: app\n    securityContext:\n      privileged: true\n", "privileged: false")]
    [InlineData("hostNamespaces", "  hostPID: true\n  containers:\n  - name: c\n    image: app\n", "hostPID: false")]
    [InlineData("hostPorts", "  containers:\n  - name: c\n    image: app\n    ports:\n    - containerPort: 80\n      hostPort: 80\n", "- containerPort: 80\n")]
    [InlineData("capabilities_baseline", "  containers:\n  - name: c\n    image: app\n    securityContext:\n      capabilities:\n        add:\n        - CHOWN\n        - NET_ADMIN\n", "        add:\n        - CHOWN\n")]
    [InlineData("appArmorProfile", "  securityContext:\n    appArmorProfile:\n      type: Unconfined\n  containers:\n  - name: c\n    image: app\n", "type: RuntimeDefault")]
    [InlineData("seLinuxOptions", "  securityContext:\n    seLinuxOptions:\n      level: s0:c1\n      user: root\n  containers:\n  - name: c\n    image: app\n", "    seLinuxOptions:\n      level: s0:c1\n  containers")]
    [InlineData("procMount", "  containers:\n  - name: c\n    image: app\n    securityContext:\n      procMount: Unmasked\n", "procMount: Default")]
    [InlineData("seccompProfile_baseline", "  containers:\n  - name: c\n    image: app\n    securityContext:\n      seccompProfile:\n        type: Unconfined\n", "type: RuntimeDefault")]
    [InlineData("sysctls", "  securityContext:\n    sysctls:\n    - name: kernel.shm_rmid_forced\n      value: \"0\"\n    - name: net.core.somaxconn\n      value: \"1024\"\n  containers:\n  - name: c\n    image: app\n", "    - name: kernel.shm_rmid_forced\n      value: \"0\"\n  containers")]
    [InlineData("hostProbesAndHostLifecycle", "  containers:\n  - name: c\n    image: app\n    livenessProbe:\n      httpGet:\n        host: 10.0.0.1\n        port: 80\n", "      httpGet:\n        port: 80\n")]
    public void Baseline_fixes_that_overrule_the_author_are_opt_in_and_applied_only_with_allow(string check, string spec, string expectedText)
    {
        var yaml = Pod(spec);
        var target = Fix.At(Level.Baseline, PolicyVersion.Latest);
        var without = Fix.Text(yaml, target);
        Assert.All(Actions(without).Where(a => a.CheckId == check), a => Assert.Equal((SafetyClass.OptIn, ActionStatus.NeedsOptIn), (a.Class, a.Status)));
        Assert.Contains(Actions(without), a => a.CheckId == check);
        Assert.False(without.Changed);

        var with = Fix.Text(yaml, Fix.At(Level.Baseline, PolicyVersion.Latest, null, check));
        Assert.Null(with.VerificationFailure);
        Assert.True(with.Changed);
        Assert.Contains(expectedText, with.OutputText, StringComparison.Ordinal);
        Assert.True(Assert.Single(with.Workloads).After.Allowed, Assert.Single(with.Workloads).After.ForbiddenDetail);
    }

    [Fact]
    public void A_bare_pod_on_the_host_network_keeps_failing_host_ports_until_host_network_is_fixed()
    {
        var yaml = Pod("  hostNetwork: true\n  containers:\n  - name: c\n    image: app\n    ports:\n    - containerPort: 80\n");
        var hostPortsOnly = Fix.Text(yaml, Fix.At(Level.Baseline, PolicyVersion.Latest, null, "hostPorts"));
        Assert.Contains(Actions(hostPortsOnly), a => a.CheckId == "hostPorts" && a.Status == ActionStatus.Manual);
        Assert.Null(hostPortsOnly.VerificationFailure);

        var both = Fix.Text(yaml, Fix.At(Level.Baseline, PolicyVersion.Latest, null, "hostNamespaces", "hostPorts"));
        Assert.True(Assert.Single(both.Workloads).After.Allowed);
    }

    [Fact]
    public void A_workload_that_already_passes_gets_no_action_and_no_edit()
    {
        var yaml = Pod("  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: c\n    image: app\n    securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop: [ALL]\n");
        var result = Fix.Text(yaml);
        Assert.Empty(Actions(result));
        Assert.False(result.Changed);
    }

    [Fact]
    public void Objects_without_a_pod_are_left_alone()
    {
        var result = Fix.Text("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n");
        Assert.Empty(result.Workloads);
        Assert.Empty(result.Issues);
        Assert.False(result.Changed);
    }

    [Fact]
    public void A_broken_document_is_reported_with_its_line_and_the_rest_is_still_fixed()
    {
        var result = Scenario.Named("multidoc-broken-document-left-untouched").Run();
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.Document);
        Assert.Equal(12, issue.Line);
        Assert.Equal(2, result.Workloads.Count(w => w.Changed));
        Assert.Contains("  labels: [unclosed\n", result.OutputText, StringComparison.Ordinal);
    }
}
