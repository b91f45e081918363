using System.Collections.Immutable;

namespace Kubeguard.Cluster.Labels;

/// <summary>
/// The parts of a <c>PodSecurityConfiguration</c> that decide a cluster audit: the default policy
/// for unlabelled modes and the exempt namespaces and runtime classes (exact string matches).
/// </summary>
/// <param name="Defaults">The default policy.</param>
/// <param name="ExemptNamespaces">Namespaces Pod Security Admission ignores.</param>
/// <param name="ExemptRuntimeClasses">Runtime classes whose pods and templates are never evaluated.</param>
/// <param name="ExemptUsernames">Exempt users; a live audit cannot tell who created an object, so these are reported only.</param>
public sealed record PodSecurityConfiguration(
    NamespacePolicy Defaults,
    ImmutableHashSet<string> ExemptNamespaces,
    ImmutableHashSet<string> ExemptRuntimeClasses,
    ImmutableArray<string> ExemptUsernames)
{
    /// <summary>No configuration: everything privileged at <c>latest</c>, no exemptions.</summary>
    public static PodSecurityConfiguration None { get; } = new(
        NamespacePolicy.AllPrivileged,
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        ImmutableHashSet.Create<string>(StringComparer.Ordinal),
        []);

    /// <summary>True when <paramref name="name"/> is an exempt namespace (empty never matches).</summary>
    public bool IsExemptNamespace(string? name) => !string.IsNullOrEmpty(name) && ExemptNamespaces.Contains(name);

    /// <summary>True when <paramref name="runtimeClassName"/> is an exempt runtime class (absent or empty never matches).</summary>
    public bool IsExemptRuntimeClass(string? runtimeClassName) =>
        !string.IsNullOrEmpty(runtimeClassName) && ExemptRuntimeClasses.Contains(runtimeClassName);
}
