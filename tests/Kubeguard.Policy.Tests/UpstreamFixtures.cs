using System.Reflection;

namespace Kubeguard.Policy.Tests;

/// <summary>
/// Locates the upstream Pod Security Admission conformance fixtures, which stay outside the
/// repository. <c>KUBEGUARD_PSS_FIXTURES</c> overrides the default <c>../shared/fixtures/pss-upstream</c>
/// (relative to the repository root).
/// </summary>
public static class UpstreamFixtures
{
    public static string Root { get; } = Resolve();

    public static bool Available => Directory.Exists(Path.Combine(Root, "baseline"));

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBEGUARD_PSS_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var repository = typeof(UpstreamFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!;
        return Path.GetFullPath(Path.Combine(repository, "..", "shared", "fixtures", "pss-upstream"));
    }
}
