using System.Collections.Immutable;
using System.Globalization;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;
using Kubeguard.Reporting;
using ReportSubject = Kubeguard.Reporting.Subject;

namespace Kubeguard.Cluster.Output;

/// <summary>
/// Turns a cluster read into the project's one report model, so <c>cluster audit</c> and
/// <c>cluster plan</c> print through the same table, JSON, SARIF and JUnit writers as <c>scan</c>.
/// </summary>
public static class ClusterFindings
{
    /// <summary>
    /// The audit: one failing result per workload (pods grouped) or template and level, with the
    /// level and version taken from the namespace's labels; one passing result per clean namespace;
    /// unread resources as errors.
    /// </summary>
    public static Report Audit(ClusterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var targets = ImmutableArray.CreateBuilder<Target>();
        foreach (var ns in report.Namespaces)
        {
            foreach (var finding in ns.Findings)
            {
                var severity = finding.Enforced ? Severity.High : finding.Modes.Contains("audit") ? Severity.Medium : Severity.Low;
                var subject = finding.Subject == Results.Subject.Pods ? "pods" : "template";
                targets.Add(new Target(
                    $"{finding.Workload.Kind} {ns.Name}/{finding.Workload.Name} ({subject}) [{finding.Result.Policy}]",
                    Passed: false,
                    [.. finding.Result.Violations.Select(v => Violation(v, severity))])
                {
                    Subject = Subject(ns.Name, finding.Workload),
                    Message = finding.Result.WarningMessage,
                    Properties = Properties(
                        ("level", finding.Result.Policy.Level.ToWireString()),
                        ("version", finding.Result.Policy.Version.ToString()),
                        ("modes", string.Join(",", finding.Modes)),
                        ("subject", subject),
                        ("count", finding.Count.ToString(CultureInfo.InvariantCulture)),
                        ("example", finding.Example)),
                });
            }

            if (ns.Findings.IsDefaultOrEmpty && ns.OtherFindings == 0)
            {
                targets.Add(new Target($"Namespace {ns.Name} [enforce={ns.Policy.Enforce}]", Passed: true, [])
                {
                    Subject = new ReportSubject("v1", "Namespace", null, ns.Name),
                    Message = ns.Exempt ? "exempt from Pod Security by the PodSecurityConfiguration" : string.Empty,
                    Properties = Properties(
                        ("level", ns.Policy.Enforce.Level.ToWireString()),
                        ("version", ns.Policy.Enforce.Version.ToString()),
                        ("pods", ns.Pods.ToString(CultureInfo.InvariantCulture)),
                        ("templates", ns.Templates.ToString(CultureInfo.InvariantCulture)),
                        ("complete", ns.Complete ? "true" : "false"),
                        ("exempt", ns.Exempt ? "true" : "false")),
                });
            }
        }

        return new Report(ToolInfo.Kubeguard, Rules(), targets.ToImmutable(), Errors(report))
        {
            Command = "cluster audit",
            Counters = Counters(report),
            Properties = Properties(("server", report.Server), ("serverVersion", report.ServerVersion ?? "unknown")),
        };
    }

    /// <summary>
    /// The plan: per namespace, a passing result at its strictest level (with the label command) and
    /// a failing result per stricter level listing the workloads that break there.
    /// </summary>
    public static Report Plan(ClusterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var targets = ImmutableArray.CreateBuilder<Target>();
        foreach (var ns in report.Namespaces)
        {
            var subject = new ReportSubject("v1", "Namespace", null, ns.Name);
            if (ns.Plan.Strictest is { } strictest)
            {
                targets.Add(new Target($"Namespace {ns.Name} [{strictest}]", Passed: true, [])
                {
                    Subject = subject,
                    Message = ns.Plan.Target?.KubectlCommand ?? string.Empty,
                    Properties = Properties(("level", strictest.Level.ToWireString()), ("version", strictest.Version.ToString()), ("strictest", strictest.ToString())),
                });
            }

            foreach (var level in ns.Plan.Breaks)
            {
                targets.Add(new Target($"Namespace {ns.Name} [{level.Policy}]", Passed: false,
                    [.. level.Workloads.SelectMany(w => w.Violations.Select(v => Violation(v, Severity.Medium) with
                    {
                        Message = $"{w.Workload}: {v.Detail}",
                        Subject = Subject(ns.Name, w.Workload),
                    }))])
                {
                    Subject = subject,
                    Message = $"{level.Workloads.Length} workloads would break at {level.Policy}",
                    Properties = Properties(("level", level.Policy.Level.ToWireString()), ("version", level.Policy.Version.ToString())),
                });
            }
        }

        return new Report(ToolInfo.Kubeguard, Rules(), targets.ToImmutable(), Errors(report))
        {
            Command = "cluster plan",
            Counters = Counters(report),
            Properties = Properties(("server", report.Server), ("pinVersion", report.PinVersion.ToString())),
        };
    }

    private static Finding Violation(CheckViolation violation, Severity severity) =>
        new(violation.CheckId, severity, violation.Reason, violation.Detail)
        {
            Remediation = CheckCatalog.Find(violation.CheckId)?.Remediation ?? string.Empty,
        };

    private static ReportSubject Subject(string ns, WorkloadRef workload) => new(
        workload.Kind switch
        {
            "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" => "apps/v1",
            "Job" or "CronJob" => "batch/v1",
            _ => "v1",
        },
        workload.Kind, ns, workload.Name);

    private static ImmutableArray<Rule> Rules() =>
        [.. CheckCatalog.BuiltIn.Select(c => new Rule(c.Id, c.Id, c.Summary, c.Remediation, Severity.Medium)
        {
            Tags = ["security", c.Level.ToWireString()],
        })];

    private static ImmutableArray<InputError> Errors(ClusterReport report) =>
        [.. report.Skipped.Select(s => new InputError(new Location($"cluster:{s.Resource}"), s.Reason))
            .Concat(report.Namespaces.SelectMany(n => n.Skipped).Select(s => new InputError(new Location($"cluster:{s.Namespace}/{s.Resource}"), s.Reason)))];

    private static ImmutableArray<KeyValuePair<string, int>> Counters(ClusterReport report) =>
    [
        new("namespaces", report.Namespaces.Length),
        new("pods", report.Namespaces.Sum(n => n.Pods)),
        new("templates", report.Namespaces.Sum(n => n.Templates)),
    ];

    private static ImmutableSortedDictionary<string, string> Properties(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
