using Kubeguard.Policy;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;
using Kubeguard.Testing;

namespace Kubeguard.Scanning.Tests;

/// <summary>
/// Scans the real upstream manifests in <c>../shared/corpus/real</c> (see its SOURCES.md): counts
/// must match what SOURCES.md states, and a few verdicts were checked by reading the manifests.
/// </summary>
public class RealCorpusTests
{
    private static readonly string Root = RepositoryPaths.InShared("corpus", "real");
    private static readonly Lazy<ManifestSet> Corpus = new(() => new ManifestLoader().Load([Root]));

    [Fact]
    public void Every_file_document_and_object_of_the_corpus_is_read()
    {
        if (!Available())
        {
            return;
        }

        var set = Corpus.Value;
        Assert.Equal(526, set.Files.Length);
        Assert.Equal(1354, set.DocumentCount);

        // SOURCES.md counts 1393 objects: every document plus the 39 items of its three *List
        // documents. The loader replaces a list by its items, so 1393 - 3 objects remain, one of
        // which (below) Kubernetes itself would refuse.
        Assert.Equal(1393 - 3, set.Documents.Length + set.Invalid.Length);
        Assert.Equal(279, set.Documents.Count(d => d.IsPodBearing) + 1);
    }

    [Fact]
    public void The_corpus_has_no_parse_errors_and_one_object_with_a_placeholder_of_the_wrong_type()
    {
        if (!Available())
        {
            return;
        }

        var invalid = Assert.Single(Corpus.Value.Invalid);
        Assert.EndsWith("kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml", invalid.Location.File.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.Equal(17, invalid.Location.Line);
        Assert.Equal(
            "Pod \"fibre-channel-example-pod\": field spec.volumes[0].fc.lun has the wrong type: found the string \"<ADD LUN ID Here>\" where an integer (in range) is expected",
            invalid.Message);
    }

    [Fact]
    public void Known_baseline_verdicts_match_a_reading_of_the_manifests()
    {
        if (!Available())
        {
            return;
        }

        var report = Scanner.Scan(Corpus.Value, new ScanOptions { Policy = new LevelVersion(Level.Baseline, PolicyVersion.Latest) });
        Assert.Equal(278, report.Targets.Length);

        // flannel: hostNetwork, NET_ADMIN added, hostPath volumes.
        Assert.Equal(["capabilities_baseline", "hostNamespaces", "hostPathVolumes"], Checks(report, "flannel/Documentation/kube-flannel.yml", "kube-flannel-ds"));

        // kube-prometheus node-exporter: hostNetwork + hostPID, SYS_TIME, hostPath / and /sys, hostPort 9100.
        Assert.Equal(["capabilities_baseline", "hostNamespaces", "hostPathVolumes", "hostPorts"], Checks(report, "kube-prometheus/manifests/nodeExporter-daemonset.yaml", "node-exporter"));

        // node-problem-detector: privileged with hostPath /var/log and /dev/kmsg.
        Assert.Equal(["hostPathVolumes", "privileged"], Checks(report, "node-problem-detector/deployment/node-problem-detector.yaml", "node-problem-detector"));

        // argo-cd: hardened; every workload of install.yaml is allowed.
        Assert.All(report.Targets.Where(t => Relative(t).EndsWith("argo-cd/manifests/install.yaml", StringComparison.Ordinal)), t => Assert.True(t.Passed, t.Name));
    }

    [Fact]
    public void Known_restricted_verdicts_match_a_reading_of_the_manifests()
    {
        if (!Available())
        {
            return;
        }

        var report = Scanner.Scan(Corpus.Value);

        // metrics-server is hardened for restricted.
        Assert.Empty(Checks(report, "metrics-server/manifests/base/deployment.yaml", "metrics-server"));

        // dashboard v2.7.0: seccomp at pod level, allowPrivilegeEscalation false and runAsUser 1001,
        // but neither runAsNonRoot nor a capabilities drop.
        Assert.Equal(["capabilities_restricted", "runAsNonRoot"], Checks(report, "kubernetes-dashboard/aio/deploy/recommended.yaml", "kubernetes-dashboard"));
        var dashboard = report.Targets.Single(t => Relative(t).EndsWith("recommended.yaml", StringComparison.Ordinal) && t.Subject!.Name == "kubernetes-dashboard");
        Assert.Equal("spec.template.spec.containers[0].securityContext.capabilities.drop", dashboard.Findings[0].Location!.JsonPath);
        Assert.Equal(218, dashboard.Findings[0].Location!.Line);
    }

    [Fact]
    public void Every_format_renders_the_whole_corpus_and_the_machine_formats_validate()
    {
        if (!Available())
        {
            return;
        }

        var report = Scanner.Scan(Corpus.Value);
        var outputs = Enum.GetValues<ReportFormat>().ToDictionary(f => f, f =>
        {
            using var writer = new StringWriter();
            ReportWriters.For(f).Write(report, writer);
            return writer.ToString();
        });
        Assert.All(outputs.Values, o => Assert.NotEmpty(o));
        Assert.Empty(SchemaValidation.SarifErrors(outputs[ReportFormat.Sarif]));
        Assert.Empty(SchemaValidation.JunitErrors(outputs[ReportFormat.Junit]));
        Assert.Empty(SchemaValidation.ReportErrors(outputs[ReportFormat.Json]));
    }

    private static string[] Checks(Report report, string file, string name) =>
        [.. report.Targets.Single(t => Relative(t).EndsWith(file, StringComparison.Ordinal) && t.Subject!.Name == name).Findings.Select(f => f.RuleId)];

    private static string Relative(Target target) => target.Location!.File!.Replace('\\', '/');

    private static bool Available()
    {
        if (Directory.Exists(Root))
        {
            return true;
        }

        Assert.False(RepositoryPaths.RequiredByCi, "CI=true but ../shared/corpus/real is missing");
        return false;
    }
}
