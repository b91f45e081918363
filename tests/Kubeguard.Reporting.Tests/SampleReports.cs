using System.Collections.Immutable;

namespace Kubeguard.Reporting.Tests;

/// <summary>Hand-built reports that exercise every part of the model.</summary>
internal static class SampleReports
{
    public static ToolInfo Tool { get; } = new("kubeguard", "1.2.3");

    public static Report Mixed()
    {
        var web = new Subject("apps/v1", "Deployment", "shop", "web");
        var privileged = new Finding("privileged", Severity.High, "privileged", "container \"web\" must not set securityContext.privileged=true")
        {
            Location = new Location("manifests/web.yaml", 21, 11, 0, "spec.template.spec.containers[0].securityContext.privileged"),
            Remediation = "Remove securityContext.privileged or set it to false.",
        };
        var runAsNonRoot = new Finding("runAsNonRoot", Severity.Medium, "runAsNonRoot != true", "pod or container \"web\" must set securityContext.runAsNonRoot=true")
        {
            Location = new Location("manifests/web.yaml", 17, 7, 0, "spec.template.spec.containers[0]"),
            Remediation = "Set securityContext.runAsNonRoot to true.",
            Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("level", "restricted")]),
        };
        var failing = new Target("Deployment shop/web [restricted:latest]", false, [privileged, runAsNonRoot])
        {
            Subject = web,
            Location = new Location("manifests/web.yaml", 1, 1, 0),
            Message = "violates PodSecurity \"restricted:latest\": privileged (container \"web\" must not set securityContext.privileged=true), runAsNonRoot != true (pod or container \"web\" must set securityContext.runAsNonRoot=true)",
            Properties = Props(("level", "restricted"), ("version", "latest")),
        };
        var passing = new Target("Job shop/migrate [restricted:latest]", true, [])
        {
            Subject = new Subject("batch/v1", "Job", "shop", "migrate"),
            Location = new Location("manifests/jobs/migrate.yaml", 3, 1, 1),
            Properties = Props(("level", "restricted"), ("version", "latest")),
        };
        ImmutableArray<Rule> rules =
        [
            new("privileged", "Privileged containers", "Privileged pods disable most security mechanisms.", "Remove securityContext.privileged or set it to false.", Severity.High) { Tags = ["security", "baseline"] },
            new("runAsNonRoot", "Running as non-root", "Containers must run as a non-root user.", "Set securityContext.runAsNonRoot to true.", Severity.Medium) { HelpUri = new Uri("https://kubernetes.io/docs/concepts/security/pod-security-standards/") },
        ];
        ImmutableArray<InputError> errors = [new(new Location("manifests/broken.yaml", 7, 3, 1), "mapping values are not allowed in this context")];
        return new Report(Tool, rules, [failing, passing], errors)
        {
            Counters = [KeyValuePair.Create("files", 3), KeyValuePair.Create("documents", 4)],
            Properties = Props(("level", "restricted"), ("version", "latest")),
        };
    }

    public static Report Clean() =>
        new(Tool, [], [new Target("Pod default/ok [baseline:latest]", true, []) { Subject = new Subject("v1", "Pod", null, "ok"), Location = new Location("pod.yaml", 1) }], []);

    public static ImmutableSortedDictionary<string, string> Props(params (string Key, string Value)[] pairs) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public static string Render(Report report, ReportFormat format, ReportWriterOptions? options = null)
    {
        using var output = new StringWriter();
        ReportWriters.For(format, options).Write(report, output);
        return output.ToString();
    }
}
