using System.Collections.Immutable;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning;

/// <summary>
/// Judges every pod-bearing object of a <see cref="ManifestSet"/> against the Pod Security
/// Standards, after the API server's defaulting, and reports upstream's verdicts and texts with
/// the file, document, line and field path of each violation.
/// </summary>
public static class Scanner
{
    /// <summary>The page explaining the Pod Security Standards.</summary>
    public static Uri StandardsUri { get; } = new("https://kubernetes.io/docs/concepts/security/pod-security-standards/");

    /// <summary>Scans <paramref name="manifests"/>; never throws on manifest content.</summary>
    public static Report Scan(ManifestSet manifests, ScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        options ??= ScanOptions.Default;
        var targets = ImmutableArray.CreateBuilder<Target>();
        foreach (var document in manifests.Documents)
        {
            if (document.IsPodBearing)
            {
                targets.Add(ScanDocument(document, manifests.Inventory, options));
            }
        }

        var podBearing = targets.Count;
        return new Report(ToolInfo.Kubeguard, Rules(options), targets.ToImmutable(), [.. manifests.Invalid.Select(i => i.ToInputError())])
        {
            Command = "scan",
            TargetNoun = "workload",
            Counters =
            [
                KeyValuePair.Create("files", manifests.Files.Length),
                KeyValuePair.Create("documents", manifests.DocumentCount),
                KeyValuePair.Create("objects", manifests.Documents.Length),
                KeyValuePair.Create("podBearing", podBearing),
            ],
            Properties = Properties(
                ("level", options.Policy.Level.ToWireString()),
                ("version", options.Policy.Version.ToString()),
                ("evaluatedVersion", options.Evaluator.EffectiveVersion(options.Policy.Version).ToString()),
                ("namespaceLabels", options.UseNamespaceLabels ? "true" : "false")),
        };
    }

    /// <summary>The rule metadata of every built-in check, with effective default severities.</summary>
    public static ImmutableArray<Rule> Rules(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. CheckCatalog.BuiltIn.Select(check => new Rule(
            check.Id,
            check.Summary.TrimEnd('.'),
            $"{check.Summary} Pod Security Standards, {check.Level.ToWireString()} level.",
            check.Remediation,
            options.Severities.For(check.Id, PodSecuritySeverities.For(check.Id)))
        {
            HelpUri = StandardsUri,
            Tags = ["security", "pod-security", check.Level.ToWireString()],
        })];
    }

    private static Target ScanDocument(ManifestDocument document, Inventory inventory, ScanOptions options)
    {
        var (policy, source) = NamespacePolicy.For(document, inventory, options);
        var template = document.CreatePodTemplate()!;
        ApiServerDefaults.Apply(template.Spec, template.IsPod);
        var evaluator = options.Evaluator;
        var result = evaluator.Evaluate(policy, template.Metadata, template.Spec);
        var effective = evaluator.EffectiveVersion(policy.Version);
        var findings = ImmutableArray.CreateBuilder<Finding>(result.Violations.IsDefault ? 0 : result.Violations.Length);
        foreach (var violation in result.Violations.IsDefault ? [] : result.Violations)
        {
            var paths = ViolationPaths.Find(violation.CheckId, effective, template.Metadata, template.Spec)
                .Select(p => ToObjectPath(template, p)).ToList();
            var primary = paths.Count > 0 ? paths[0] : template.SpecPath;
            var check = CheckCatalog.Find(violation.CheckId);
            findings.Add(new Finding(violation.CheckId, options.Severities.For(violation.CheckId, PodSecuritySeverities.For(violation.CheckId)), violation.Reason, violation.Detail)
            {
                Location = document.LocationOf(primary),
                Remediation = check?.Remediation ?? string.Empty,
                HelpUri = StandardsUri,
                Properties = paths.Count > 1 ? Properties(("paths", string.Join(", ", paths))) : Properties(),
            });
        }

        var subject = document.Subject;
        return new Target($"{subject.DisplayName} [{policy}]", result.Allowed, findings.ToImmutable())
        {
            Subject = subject,
            Location = document.Location.ToLocation(),
            Message = template.IsPod ? result.Message : result.WarningMessage,
            Properties = Properties(
                ("level", policy.Level.ToWireString()),
                ("version", policy.Version.ToString()),
                ("policySource", source)),
        };
    }

    private static string ToObjectPath(PodTemplate template, string podPath)
    {
        if (podPath == "spec" || podPath.StartsWith("spec.", StringComparison.Ordinal))
        {
            return template.SpecPath + podPath["spec".Length..];
        }

        return podPath.StartsWith("metadata", StringComparison.Ordinal) ? template.MetadataPath + podPath["metadata".Length..] : podPath;
    }

    private static ImmutableSortedDictionary<string, string> Properties(params (string Key, string Value)[] pairs) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, pairs.Select(p => KeyValuePair.Create(p.Key, p.Value)));
}
