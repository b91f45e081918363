using System.Reflection;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>Source-tree locations, from the assembly metadata set in tests/Directory.Build.props.</summary>
internal static class Paths
{
    public static string FixturesRoot { get; } = Metadata("FixturesRoot");

    public static string PrometheusFixtures => Path.Combine(FixturesRoot, "prometheus");

    public static string LabFiles => Path.Combine(FixturesRoot, "prometheus-lab");

    private static string Metadata(string key) =>
        Path.GetFullPath(typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);
}
