using System.Reflection;

namespace Kubeguard.Testing;

/// <summary>Where the repository's test fixtures live (the source tree, not <c>bin/</c>).</summary>
public static class Fixtures
{
    /// <summary><c>tests/fixtures</c> in the source tree.</summary>
    public static string Root { get; } = Metadata("FixturesRoot");

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>True when <c>UPDATE_GOLDEN=1</c>: golden files are rewritten instead of compared.</summary>
    public static bool UpdateRequested => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>True for files a failed golden comparison leaves behind (<c>*.received.*</c>).</summary>
    public static bool IsReceivedFile(string path) =>
        Path.GetFileName(path).Contains(".received.", StringComparison.Ordinal);

    private static string Metadata(string key)
    {
        var value = typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"assembly metadata {key} is missing (see tests/Directory.Build.props)");
        return Path.GetFullPath(value);
    }
}
