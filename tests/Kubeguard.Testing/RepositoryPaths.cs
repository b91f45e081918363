using System.Reflection;

namespace Kubeguard.Testing;

/// <summary>
/// Where tests find their inputs: the repository, its fixtures, and the shared folder beside the
/// repository (<c>../shared</c>), which holds upstream material read in place.
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Path.GetFullPath(Metadata("RepositoryRoot"));

    /// <summary><c>tests/fixtures</c>.</summary>
    public static string Fixtures { get; } = Path.GetFullPath(Metadata("FixturesRoot"));

    /// <summary>The shared folder beside the repository: <c>../shared</c>.</summary>
    public static string Shared { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>True when running in CI (<c>CI=true</c>), where shared inputs must be present.</summary>
    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path under the shared folder.</summary>
    public static string InShared(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value!;
}
