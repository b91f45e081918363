using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Labels;

/// <summary>
/// Resolves a namespace's <c>pod-security.kubernetes.io/*</c> labels into its policy with Pod Security
/// Admission's rules: a bad enforce level fails closed to <c>restricted</c>, bad audit and warn
/// levels fail open to <c>privileged</c>, a bad version becomes <c>latest</c>, and warn follows a
/// valid enforce level when it has no label of its own.
/// </summary>
/// <remarks>
/// Kept in one file, apart from the cluster reader, so it can be replaced by the admission
/// library's resolver without touching anything else.
/// </remarks>
public static class NamespaceLabelResolver
{
    /// <summary>The label prefix shared by every Pod Security label.</summary>
    public const string Prefix = "pod-security.kubernetes.io/";

    /// <summary><c>pod-security.kubernetes.io/enforce</c>.</summary>
    public const string EnforceLabel = Prefix + "enforce";

    /// <summary><c>pod-security.kubernetes.io/enforce-version</c>.</summary>
    public const string EnforceVersionLabel = Prefix + "enforce-version";

    /// <summary><c>pod-security.kubernetes.io/audit</c>.</summary>
    public const string AuditLabel = Prefix + "audit";

    /// <summary><c>pod-security.kubernetes.io/audit-version</c>.</summary>
    public const string AuditVersionLabel = Prefix + "audit-version";

    /// <summary><c>pod-security.kubernetes.io/warn</c>.</summary>
    public const string WarnLabel = Prefix + "warn";

    /// <summary><c>pod-security.kubernetes.io/warn-version</c>.</summary>
    public const string WarnVersionLabel = Prefix + "warn-version";

    /// <summary>Resolves <paramref name="labels"/> on top of <paramref name="defaults"/> (section 5.3 of the spec).</summary>
    public static NamespacePolicy Resolve(IReadOnlyDictionary<string, string>? labels, NamespacePolicy? defaults = null)
    {
        defaults ??= NamespacePolicy.AllPrivileged;
        if (labels is null || labels.Count == 0)
        {
            return defaults;
        }

        var errors = ImmutableArray.CreateBuilder<string>();
        var enforce = defaults.Enforce;
        var audit = defaults.Audit;
        var warn = defaults.Warn;
        var enforceLevelValid = false;

        if (labels.TryGetValue(EnforceLabel, out var text))
        {
            enforceLevelValid = TryLevel(EnforceLabel, text, Level.Restricted, errors, out var level);
            enforce = enforce with { Level = level };
        }

        if (labels.TryGetValue(EnforceVersionLabel, out text))
        {
            enforce = enforce with { Version = ParseVersion(EnforceVersionLabel, text, errors) };
        }

        if (labels.TryGetValue(AuditLabel, out text))
        {
            TryLevel(AuditLabel, text, Level.Privileged, errors, out var level);
            audit = audit with { Level = level };
        }

        if (labels.TryGetValue(AuditVersionLabel, out text))
        {
            audit = audit with { Version = ParseVersion(AuditVersionLabel, text, errors) };
        }

        var hasWarnLevel = labels.TryGetValue(WarnLabel, out text);
        if (hasWarnLevel)
        {
            TryLevel(WarnLabel, text ?? string.Empty, Level.Privileged, errors, out var level);
            warn = warn with { Level = level };
        }

        var hasWarnVersion = labels.TryGetValue(WarnVersionLabel, out text);
        if (hasWarnVersion)
        {
            warn = warn with { Version = ParseVersion(WarnVersionLabel, text ?? string.Empty, errors) };
        }

        // Warn follows enforce when only enforce is labelled, so users see what enforce would reject.
        if (!hasWarnLevel && enforceLevelValid && enforce.Level > warn.Level)
        {
            warn = hasWarnVersion ? warn with { Level = enforce.Level } : enforce;
        }

        return new NamespacePolicy(enforce, audit, warn, errors.ToImmutable());
    }

    /// <summary>Only the Pod Security labels of <paramref name="labels"/>, sorted by key.</summary>
    public static ImmutableSortedDictionary<string, string> PodSecurityLabels(IDictionary<string, string>? labels) =>
        labels is null
            ? ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal)
            : labels.Where(l => l.Key.StartsWith(Prefix, StringComparison.Ordinal))
                .ToImmutableSortedDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    private static bool TryLevel(string key, string value, Level fallback, ImmutableArray<string>.Builder errors, out Level level)
    {
        if (Levels.TryParse(value, out level))
        {
            return true;
        }

        level = fallback;
        errors.Add(Invalid(key, value, Levels.InvalidLevelMessage));
        return false;
    }

    private static PolicyVersion ParseVersion(string key, string value, ImmutableArray<string>.Builder errors)
    {
        if (PolicyVersion.TryParse(value, out var version))
        {
            return version;
        }

        errors.Add(Invalid(key, value, PolicyVersion.InvalidVersionMessage));
        return PolicyVersion.Latest;
    }

    private static string Invalid(string key, string value, string message) =>
        $"metadata.labels[{key}]: Invalid value: {GoText.Quote(value)}: {message}";
}
