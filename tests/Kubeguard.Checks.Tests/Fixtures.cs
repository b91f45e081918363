using Kubeguard.Testing;

namespace Kubeguard.Checks.Tests;

/// <summary>Paths of the fixtures these tests read.</summary>
public static class CheckFixtures
{
    /// <summary>tests/fixtures/checks: one folder per check ID, holding fire-*.yaml and dont-fire-*.yaml.</summary>
    public static string Checks { get; } = Path.Combine(Fixtures.Root, "checks");

    /// <summary>
    /// The real upstream manifests, read in place from <c>../shared/corpus/real</c> beside the
    /// repository; <c>KUBEGUARD_REAL_CORPUS</c> overrides the location.
    /// </summary>
    public static string RealCorpus { get; } = Environment.GetEnvironmentVariable("KUBEGUARD_REAL_CORPUS") is { Length: > 0 } fromEnvironment
        ? Path.GetFullPath(fromEnvironment)
        : Path.GetFullPath(Path.Combine(Fixtures.RepositoryRoot, "..", "shared", "corpus", "real"));

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
