using System.Reflection;

namespace Kubeguard.SupplyChain.Tests;

/// <summary>
/// Locates the published cosign / Sigstore vectors, which stay outside the repository, at
/// <c>../shared/fixtures/sigstore</c> relative to the repository root
/// (<c>KUBEGUARD_SIGSTORE_FIXTURES</c> overrides). With <c>CI=true</c> they are required.
/// </summary>
public static class SigstoreFixtures
{
    public static string Root { get; } = Resolve();

    public static bool Available => Directory.Exists(Root) && Directory.GetDirectories(Root).Length > 0;

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<object[]> Folders() =>
        Available ? Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(n => new object[] { n! }) : [["(missing)"]];

    public static string PathOf(string folder, string file) => Path.Combine(Root, folder, file);

    private static string Resolve()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("KUBEGUARD_SIGSTORE_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var repository = typeof(SigstoreFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!;
        return Path.GetFullPath(Path.Combine(repository, "..", "shared", "fixtures", "sigstore"));
    }
}
