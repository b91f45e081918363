using Kubeguard.Policy;

namespace Kubeguard.Admission;

/// <summary>The three Pod Security modes of a namespace, each a level at a version.</summary>
/// <param name="Enforce">Pods that violate it are rejected.</param>
/// <param name="Audit">Violations are recorded as audit annotations.</param>
/// <param name="Warn">Violations are returned as warnings.</param>
public sealed record NamespacePolicy(LevelVersion Enforce, LevelVersion Audit, LevelVersion Warn)
{
    /// <summary>Every mode <c>privileged:latest</c>: what an unconfigured cluster applies.</summary>
    public static NamespacePolicy Privileged { get; } = new(
        new LevelVersion(Level.Privileged, PolicyVersion.Latest),
        new LevelVersion(Level.Privileged, PolicyVersion.Latest),
        new LevelVersion(Level.Privileged, PolicyVersion.Latest));

    /// <summary>True when all three modes are privileged.</summary>
    public bool IsFullyPrivileged =>
        Enforce.Level == Level.Privileged && Audit.Level == Level.Privileged && Warn.Level == Level.Privileged;

    /// <summary>Upstream equivalence: every mode equivalent (privileged ignores versions).</summary>
    public bool IsEquivalentTo(NamespacePolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Enforce.IsEquivalentTo(other.Enforce) && Audit.IsEquivalentTo(other.Audit) && Warn.IsEquivalentTo(other.Warn);
    }

    /// <summary>
    /// Resolves a namespace's labels over <paramref name="defaults"/> with upstream's rules: a bad
    /// enforce level fails closed (restricted), bad audit/warn levels fail open (privileged), a bad
    /// version becomes <c>latest</c>, and warn follows a valid enforce label when warn is not labelled.
    /// </summary>
    public static PolicyResolution Resolve(IReadOnlyDictionary<string, string>? labels, NamespacePolicy defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        if (labels is null || labels.Count == 0)
        {
            return new PolicyResolution(defaults, []);
        }

        var errors = new List<FieldError>();
        var enforceLevel = ParseLevel(labels, PodSecurityLabels.Enforce, defaults.Enforce.Level, Level.Restricted, errors, out var enforceValid);
        var enforceVersion = ParseVersion(labels, PodSecurityLabels.EnforceVersion, defaults.Enforce.Version, errors);
        var auditLevel = ParseLevel(labels, PodSecurityLabels.Audit, defaults.Audit.Level, Level.Privileged, errors, out _);
        var auditVersion = ParseVersion(labels, PodSecurityLabels.AuditVersion, defaults.Audit.Version, errors);
        var warnLevel = ParseLevel(labels, PodSecurityLabels.Warn, defaults.Warn.Level, Level.Privileged, errors, out _);
        var warnVersion = ParseVersion(labels, PodSecurityLabels.WarnVersion, defaults.Warn.Version, errors);

        if (!labels.ContainsKey(PodSecurityLabels.Warn) && enforceValid && enforceLevel > warnLevel)
        {
            warnLevel = enforceLevel;
            if (!labels.ContainsKey(PodSecurityLabels.WarnVersion))
            {
                warnVersion = enforceVersion;
            }
        }

        var policy = new NamespacePolicy(
            new LevelVersion(enforceLevel, enforceVersion),
            new LevelVersion(auditLevel, auditVersion),
            new LevelVersion(warnLevel, warnVersion));
        return new PolicyResolution(policy, [.. errors]);
    }

    private static Level ParseLevel(
        IReadOnlyDictionary<string, string> labels, string key, Level fallback, Level onError, List<FieldError> errors, out bool valid)
    {
        valid = false;
        if (!labels.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (Levels.TryParse(text, out var level))
        {
            valid = true;
            return level;
        }

        errors.Add(new FieldError(LabelPath(key), FieldErrorType.Invalid, text, Levels.InvalidLevelMessage));
        return onError;
    }

    private static PolicyVersion ParseVersion(IReadOnlyDictionary<string, string> labels, string key, PolicyVersion fallback, List<FieldError> errors)
    {
        if (!labels.TryGetValue(key, out var text))
        {
            return fallback;
        }

        if (PolicyVersion.TryParse(text, out var version))
        {
            return version;
        }

        errors.Add(new FieldError(LabelPath(key), FieldErrorType.Invalid, text, PolicyVersion.InvalidVersionMessage));
        return PolicyVersion.Latest;
    }

    private static string LabelPath(string key) => "metadata.labels[" + key + "]";
}
