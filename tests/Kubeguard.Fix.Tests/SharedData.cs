using System.Reflection;

namespace Kubeguard.Fix.Tests;

/// <summary>
/// The shared data sets that stay outside the repository, read in place from <c>../shared</c>
/// (relative to the repository root): upstream conformance fixtures and the real manifest corpus.
/// With <c>CI=true</c> they must be present.
/// </summary>
internal static class SharedData
{
    private static readonly string Shared = Path.GetFullPath(Path.Combine(
        typeof(SharedData).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepositoryRoot").Value!, "..", "shared"));

    public static string UpstreamFixtures => Environment.GetEnvironmentVariable("KUBEGUARD_PSS_FIXTURES") is { Length: > 0 } env ? env : Path.Combine(Shared, "fixtures", "pss-upstream");

    public static string RealCorpus => Path.Combine(Shared, "corpus", "real");

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
