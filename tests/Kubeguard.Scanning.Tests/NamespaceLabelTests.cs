using Kubeguard.Policy;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Tests;

public class NamespaceLabelTests
{
    private static string Namespace(string name, string? level, string? version = null) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n  labels:\n    team: x\n"
        + (level is null ? string.Empty : $"    pod-security.kubernetes.io/enforce: \"{level}\"\n")
        + (version is null ? string.Empty : $"    pod-security.kubernetes.io/enforce-version: \"{version}\"\n")
        + "---\n";

    private static string Pod(string name, string? ns) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n" + (ns is null ? string.Empty : $"  namespace: {ns}\n")
        + "spec:\n  hostNetwork: true\n  containers:\n  - name: a\n    image: b\n---\n";

    private static Dictionary<string, (string Policy, string Source)> Scan(string yaml, LevelVersion? fallback = null)
    {
        var options = new ScanOptions { UseNamespaceLabels = true, Policy = fallback ?? new LevelVersion(Level.Restricted, PolicyVersion.Latest) };
        var report = Scanner.Scan(new ManifestLoader().LoadText(yaml, "x.yaml"), options);
        return report.Targets.ToDictionary(
            t => t.Subject!.Name!,
            t => (t.Properties["level"] + ":" + t.Properties["version"], t.Properties["policySource"]));
    }

    [Fact]
    public void Each_workload_is_judged_at_its_namespace_enforce_label()
    {
        var results = Scan(Namespace("ops", "privileged") + Namespace("apps", "baseline", "v1.30") + Pod("in-ops", "ops") + Pod("in-apps", "apps"));
        Assert.Equal("privileged:latest", results["in-ops"].Policy);
        Assert.Equal("baseline:v1.30", results["in-apps"].Policy);
    }

    [Fact]
    public void Namespace_labels_decide_the_verdict()
    {
        var yaml = Namespace("ops", "privileged") + Namespace("apps", "baseline") + Pod("in-ops", "ops") + Pod("in-apps", "apps");
        var report = Scanner.Scan(new ManifestLoader().LoadText(yaml, "x.yaml"), new ScanOptions { UseNamespaceLabels = true });
        Assert.True(report.Targets.Single(t => t.Subject!.Name == "in-ops").Passed);
        Assert.False(report.Targets.Single(t => t.Subject!.Name == "in-apps").Passed);
    }

    [Fact]
    public void Workloads_without_a_labelled_namespace_in_the_input_use_the_requested_policy()
    {
        var results = Scan(Namespace("plain", null) + Pod("in-plain", "plain") + Pod("nowhere", "missing") + Pod("implicit", null), new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 25)));
        Assert.All(results.Values, r => Assert.Equal("baseline:v1.25", r.Policy));
        Assert.Contains("namespace \"default\"", results["implicit"].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_level_label_fails_closed_to_restricted_and_says_so()
    {
        var (policy, source) = Scan(Namespace("odd", "strict", "v1.x") + Pod("p", "odd"))["p"];
        Assert.Equal("restricted:latest", policy);
        Assert.Contains("invalid level \"strict\"", source, StringComparison.Ordinal);
        Assert.Contains("invalid version \"v1.x\"", source, StringComparison.Ordinal);
    }
}
