namespace Kubeguard.Admission;

/// <summary>The namespace labels Pod Security Admission reads, plus Kubeguard's own opt-in.</summary>
public static class PodSecurityLabels
{
    /// <summary>Enforce level label.</summary>
    public const string Enforce = "pod-security.kubernetes.io/enforce";

    /// <summary>Enforce version label.</summary>
    public const string EnforceVersion = "pod-security.kubernetes.io/enforce-version";

    /// <summary>Audit level label.</summary>
    public const string Audit = "pod-security.kubernetes.io/audit";

    /// <summary>Audit version label.</summary>
    public const string AuditVersion = "pod-security.kubernetes.io/audit-version";

    /// <summary>Warn level label.</summary>
    public const string Warn = "pod-security.kubernetes.io/warn";

    /// <summary>Warn version label.</summary>
    public const string WarnVersion = "pod-security.kubernetes.io/warn-version";

    /// <summary>
    /// Kubeguard's opt-in (not part of Pod Security Admission): with the value <c>true</c> on a
    /// namespace, workload resources (Deployments, Jobs, …) whose pod template violates the enforce
    /// level are rejected at apply time, instead of only warned about.
    /// </summary>
    public const string EnforceWorkloads = "kubeguard.io/enforce-workloads";

    /// <summary>True when <paramref name="labels"/> carry any level or version label of <paramref name="levelKey"/>'s mode.</summary>
    internal static bool HasModeLabel(IReadOnlyDictionary<string, string>? labels, string levelKey, string versionKey) =>
        labels is not null && (labels.ContainsKey(levelKey) || labels.ContainsKey(versionKey));
}
