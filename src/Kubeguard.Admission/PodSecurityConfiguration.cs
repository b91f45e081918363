using System.Collections.Frozen;

namespace Kubeguard.Admission;

/// <summary>
/// Defaults and exemptions, as read from upstream's <c>PodSecurityConfiguration</c> file. Exemptions
/// match by exact string equality; an empty value never matches.
/// </summary>
/// <param name="Defaults">The policy of a namespace without labels.</param>
/// <param name="ExemptUsernames">Requesting users that are exempt.</param>
/// <param name="ExemptNamespaces">Namespaces that are exempt.</param>
/// <param name="ExemptRuntimeClasses">Pod runtime classes that are exempt.</param>
public sealed record PodSecurityConfiguration(
    NamespacePolicy Defaults,
    FrozenSet<string> ExemptUsernames,
    FrozenSet<string> ExemptNamespaces,
    FrozenSet<string> ExemptRuntimeClasses)
{
    /// <summary>No configuration: every mode <c>privileged:latest</c>, no exemptions.</summary>
    public static PodSecurityConfiguration Default { get; } = new(
        NamespacePolicy.Privileged, FrozenSet<string>.Empty, FrozenSet<string>.Empty, FrozenSet<string>.Empty);

    /// <summary>True when <paramref name="name"/> is a non-empty exempt namespace.</summary>
    public bool IsExemptNamespace(string? name) => !string.IsNullOrEmpty(name) && ExemptNamespaces.Contains(name);

    /// <summary>True when <paramref name="username"/> is a non-empty exempt user.</summary>
    public bool IsExemptUser(string? username) => !string.IsNullOrEmpty(username) && ExemptUsernames.Contains(username);

    /// <summary>True when <paramref name="runtimeClass"/> is a non-empty exempt runtime class.</summary>
    public bool IsExemptRuntimeClass(string? runtimeClass) => !string.IsNullOrEmpty(runtimeClass) && ExemptRuntimeClasses.Contains(runtimeClass);
}
