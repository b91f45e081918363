using System.Collections.Immutable;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Psp;

/// <summary>What a PodSecurityPolicy becomes under Pod Security Admission.</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Equivalent">
/// The strictest level and version that every pod the policy admits passes (judged on the most
/// permissive pod it admits, with the defaults the policy itself fills in).
/// </param>
/// <param name="Stricter">What that most permissive pod fails at each stricter level, with upstream reasons.</param>
/// <param name="Lost">Settings of the policy that Pod Security Standards cannot express, one sentence each.</param>
/// <param name="Namespaces">Namespaces whose pods were admitted by the policy (their <c>kubernetes.io/psp</c> annotation), with pod counts.</param>
public sealed record PspAssessment(
    string Name,
    LevelVersion Equivalent,
    ImmutableArray<PodSecurityResult> Stricter,
    ImmutableArray<string> Lost,
    ImmutableSortedDictionary<string, int> Namespaces);
