using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;
using CheckInventory = Kubeguard.Checks.Inventory;
using CheckSeverity = Kubeguard.Checks.Severity;
using ReportSeverity = Kubeguard.Reporting.Severity;

namespace Kubeguard.Scanning;

/// <summary>How the checks beyond Pod Security run inside a scan.</summary>
public sealed record BeyondPodSecurityOptions
{
    /// <summary>Every family on, no exemptions.</summary>
    public static BeyondPodSecurityOptions Default { get; } = new();

    /// <summary>False to leave the checks out (<c>--no-beyond-pss</c>).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Families, registry allow-list and severities of the checks.</summary>
    public CheckOptions Checks { get; init; } = CheckOptions.Default;

    /// <summary>Exemptions from the exemptions file (inline annotations are read from the objects).</summary>
    public ExemptionSet Exemptions { get; init; } = ExemptionSet.Empty;

    /// <summary>The file the exemptions were read from, for error locations.</summary>
    public string? ExemptionsFile { get; init; }

    /// <summary>The day expiry is judged by (the host's clock; the libraries have none).</summary>
    public DateOnly Today { get; init; } = DateOnly.MinValue;

    /// <summary>Severity overrides (<c>--severity RULE=LEVEL</c>) over the checks' severity table.</summary>
    public SeverityOverrides Severities { get; init; } = SeverityOverrides.None;
}

/// <summary>
/// Runs the checks beyond Pod Security (<see cref="InventoryEvaluator"/>) over what a scan read and
/// adds their findings to the scan's report, beside the Pod Security verdicts, which stay as they are.
/// One target per object with findings; expired exemptions are findings of
/// <see cref="ExpiredExemptionRule"/>; invalid exemptions are input errors.
/// </summary>
public static class BeyondPodSecurity
{
    /// <summary>The rule that reports exemptions past their expiry date.</summary>
    public const string ExpiredExemptionRule = "exemption-expired";

    /// <summary>The checks' inventory over the objects read, and the document each entry came from.</summary>
    public static (CheckInventory Inventory, IReadOnlyDictionary<InventoryObject, ManifestDocument> Sources) ToInventory(IEnumerable<ManifestDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var sources = new Dictionary<InventoryObject, ManifestDocument>(ReferenceEqualityComparer.Instance);
        foreach (var document in documents)
        {
            var item = new InventoryObject(Resource(document), new Checks.SourceLocation(document.Location.File, document.Location.Line))
            {
                EmbeddedPod = document.Model is null ? document.PodTemplate : null,
            };
            sources[item] = document;
        }

        return (CheckInventory.From(sources.Keys), sources);
    }

    /// <summary>The report with the checks' rules, targets, counters and errors added; unchanged when disabled.</summary>
    public static Report AddTo(Report report, ManifestSet manifests, BeyondPodSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return report;
        }

        var (inventory, sources) = ToInventory(manifests.Documents);
        var findings = InventoryEvaluator.Default.Evaluate(inventory, options.Checks);
        var documents = sources.Values.GroupBy(d => (d.Kind, d.Namespace, Name: d.Name ?? string.Empty)).ToDictionary(g => g.Key, g => g.Last());
        return Add(report, findings, inventory.AnnotationsOf, s => documents.GetValueOrDefault((s.Kind, s.Namespace, s.Name)), options, []);
    }

    /// <summary>
    /// The report with findings of checks that ran over objects read elsewhere (a live cluster)
    /// added, after exemptions (the file's, and inline annotations read through
    /// <paramref name="annotations"/>); <paramref name="notRun"/> lists checks that could not run
    /// completely, as input errors. Unchanged when disabled.
    /// </summary>
    public static Report AddTo(Report report, IEnumerable<CheckFinding> findings, Func<ObjectRef, IDictionary<string, string>?> annotations, BeyondPodSecurityOptions options, IEnumerable<InputError> notRun)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notRun);
        return options.Enabled ? Add(report, findings, annotations, _ => null, options, notRun) : report;
    }

    private static Report Add(
        Report report,
        IEnumerable<CheckFinding> findings,
        Func<ObjectRef, IDictionary<string, string>?> annotations,
        Func<ObjectRef, ManifestDocument?> documentOf,
        BeyondPodSecurityOptions options,
        IEnumerable<InputError> notRun)
    {
        var outcome = ExemptionRules.Apply(findings, ExemptionRules.KeyOf, options.Exemptions, options.Today, annotations);
        var targets = outcome.Active
            .GroupBy(f => f.Subject)
            .OrderBy(g => g.First().Location.File, StringComparer.Ordinal)
            .ThenBy(g => g.First().Location.Line)
            .Select(g => Target(g.Key, g, documentOf(g.Key), options))
            .ToList();
        if (!outcome.Expired.IsDefaultOrEmpty)
        {
            targets.Add(ExpiredTarget(outcome.Expired, options));
        }

        var families = options.Checks.Families.OrderBy(f => f).Select(f => f.ToWireString());
        return report with
        {
            Rules = [.. report.Rules, .. Rules(options)],
            Targets = [.. report.Targets, .. targets],
            Errors = [.. report.Errors, .. outcome.Problems.Select(p => new InputError(new Location(options.ExemptionsFile ?? p.Source), p.Message)), .. notRun],
            Counters = [.. report.Counters, KeyValuePair.Create("exempted", outcome.Exempted.Length), KeyValuePair.Create("expiredExemptions", outcome.Expired.Length)],
            Properties = report.Properties.SetItem("checks", string.Join(",", families)),
        };
    }

    /// <summary>The rule metadata of every check that runs, with effective severities.</summary>
    public static ImmutableArray<Rule> Rules(BeyondPodSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = BuiltInChecks.All
            .Where(c => options.Checks.Families.Contains(c.Family))
            .Select(c => new Rule(c.Id, c.Title, c.Rationale, c.Fix, SeverityOf(c.Id, options))
            {
                Tags = ["security", "beyond-pss", c.Family.ToWireString()],
            });
        return [.. rules, new Rule(ExpiredExemptionRule, "Exemption past its expiry date",
            "An exemption stops applying on the day after its expiry date; the findings it silenced are reported again.",
            "Fix the findings, or renew the exemption with a new reason, owner and expiry date.", ReportSeverity.Low)
        {
            Tags = ["beyond-pss", "exemptions"],
        }];
    }

    private static Target Target(ObjectRef subject, IEnumerable<CheckFinding> findings, ManifestDocument? document, BeyondPodSecurityOptions options)
    {
        var list = findings.Select(f => new Finding(f.CheckId, SeverityOf(f.CheckId, options), f.CheckId, f.Message)
        {
            Location = document?.LocationOf(f.JsonPath) ?? new Location(f.Location.File, f.Location.Line > 0 ? f.Location.Line : null, JsonPath: f.JsonPath),
            Subject = new Subject(document?.ApiVersion, subject.Kind, subject.Namespace, subject.Name),
            Remediation = f.Fix,
            Properties = Properties(("family", f.Family.ToWireString()), ("container", f.Container), ("image", f.Image)),
        }).ToImmutableArray();
        var first = list[0].Location;
        // A finding whose severity is overridden to none (--severity ID=none) is kept for the record only.
        return new Target($"{subject} [checks]", Passed: list.All(f => f.Severity == ReportSeverity.None), list)
        {
            Subject = list[0].Subject,
            Location = document?.Location.ToLocation() ?? first,
            Properties = Properties(("checks", "beyond-pss")),
        };
    }

    private static Target ExpiredTarget(ImmutableArray<Exemption> expired, BeyondPodSecurityOptions options)
    {
        var findings = expired.Select(e => new Finding(ExpiredExemptionRule, ReportSeverity.Low, ExpiredExemptionRule,
            $"exemption for \"{e.CheckId}\" ({e.Source}, owner {e.Owner}) expired on {e.Expires:yyyy-MM-dd}; it no longer applies")
        {
            Location = new Location(options.ExemptionsFile ?? e.Source),
            Remediation = "Fix the findings, or renew the exemption with a new reason, owner and expiry date.",
            Properties = Properties(("check", e.CheckId), ("owner", e.Owner), ("reason", e.Reason)),
        }).ToImmutableArray();
        return new Target("exemptions [checks]", Passed: false, findings) { Properties = Properties(("checks", "exemptions")) };
    }

    private static ReportSeverity SeverityOf(string checkId, BeyondPodSecurityOptions options) =>
        options.Severities.For(checkId, options.Checks.Severities[checkId] switch
        {
            CheckSeverity.Info => ReportSeverity.Info,
            CheckSeverity.Low => ReportSeverity.Low,
            CheckSeverity.Medium => ReportSeverity.Medium,
            CheckSeverity.High => ReportSeverity.High,
            _ => ReportSeverity.Critical,
        });

    private static IKubernetesObject<V1ObjectMeta> Resource(ManifestDocument document)
    {
        if (document.Model is IKubernetesObject<V1ObjectMeta> typed)
        {
            return typed;
        }

        // Kinds the checks read that the loader leaves untyped.
        if (document.Kind == "Ingress" && document.ApiVersion.StartsWith("networking.k8s.io/", StringComparison.Ordinal)
            && KnownKinds.Deserialize<V1Ingress>(document.Raw) is { } ingress)
        {
            return ingress;
        }

        var metadata = document.Raw["metadata"] is JsonObject meta ? KnownKinds.Deserialize<V1ObjectMeta>(meta) : null;
        return new UnstructuredObject(document.ApiVersion, document.Kind, metadata, document.Raw);
    }

    private static ImmutableSortedDictionary<string, string> Properties(params (string Key, string? Value)[] pairs) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, p.Value!)));
}
