using System.Reflection;

namespace Kubeguard.Checks.Tests;

/// <summary>Paths of the test fixtures, inside the repository and beside it.</summary>
public static class Fixtures
{
    public static string Root { get; } = Metadata("FixturesRoot");

    public static string RepositoryRoot { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    /// <summary>tests/fixtures/checks: one folder per check ID, holding fire-*.yaml and dont-fire-*.yaml.</summary>
    public static string Checks { get; } = Path.Combine(Root, "checks");

    public static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Metadata(string key) =>
        typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
