using System.Text.Json;
using Kubeguard.PromAudit.Images;

namespace Kubeguard.PromAudit.Rules;

/// <summary>
/// The dated, offline rules file shipped with the auditor (<c>Rules/risk-rules.json</c>): Prometheus
/// advisories, image end-of-life and known-exploitable ranges, the Kubernetes support window,
/// runtime and kernel ranges, frozen registries and floating tags.
/// </summary>
public sealed record RiskRules
{
    /// <summary>The date the rules were last checked (ISO 8601). Printed in every report.</summary>
    public string Date { get; set; } = "";

    /// <summary>How to read the rules.</summary>
    public string Note { get; set; } = "";

    /// <summary>Prometheus advisories.</summary>
    public IReadOnlyList<VersionRule> Prometheus { get; set; } = [];

    /// <summary>Image rules.</summary>
    public IReadOnlyList<VersionRule> Images { get; set; } = [];

    /// <summary>Kubernetes support window.</summary>
    public KubernetesRules Kubernetes { get; set; } = new();

    /// <summary>Container runtime rules.</summary>
    public IReadOnlyList<VersionRule> Runtimes { get; set; } = [];

    /// <summary>Kernel rules (possible matches only).</summary>
    public IReadOnlyList<VersionRule> Kernels { get; set; } = [];

    /// <summary>Registries that no longer receive images.</summary>
    public IReadOnlyList<string> FrozenRegistries { get; set; } = [];

    /// <summary>Tags that move.</summary>
    public IReadOnlyList<string> FloatingTags { get; set; } = [];

    /// <summary>Tag fragments naming an end-of-life base OS.</summary>
    public IReadOnlyList<string> EolTagMarkers { get; set; } = [];

    /// <summary>The rules shipped in this build.</summary>
    public static RiskRules BuiltIn { get; } = Load(typeof(RiskRules).Assembly.GetManifestResourceStream("Kubeguard.PromAudit.risk-rules.json")!);

    /// <summary>Reads a rules file.</summary>
    public static RiskRules Load(Stream json) =>
        JsonSerializer.Deserialize(json, RulesJsonContext.Default.RiskRules) ?? throw new InvalidDataException("empty rules file");

    /// <summary>Prometheus advisories affecting <paramref name="version"/>, given which conditions hold.</summary>
    public IEnumerable<VersionRule> PrometheusAdvisories(string version, ISet<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return TagVersion.TryParse(version, out var v)
            ? Prometheus.Where(r => r.Affects(v) && (r.Condition.Length == 0 || conditions.Contains(r.Condition)))
            : [];
    }

    /// <summary>True when a Kubernetes version (e.g. <c>v1.21.2</c>) is older than the support window.</summary>
    public bool IsUnsupportedKubernetes(string version) =>
        TagVersion.TryParse(version, out var v) && TagVersion.TryParse(Kubernetes.OldestSupportedMinor, out var oldest)
        && v.Major == oldest.Major && v.Minor < oldest.Minor;
}
