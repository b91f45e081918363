using System.Reflection;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Tests;

/// <summary>Loads a recorded-style cluster from <c>tests/fixtures/cluster/&lt;scenario&gt;/</c> into a local API server.</summary>
internal static class ClusterFixtures
{
    public static string Root { get; } = Path.Combine(
        typeof(ClusterFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixturesRoot").Value!,
        "cluster");

    public static void Load(FakeKubeApiServer server, string scenario) => server.ServeRecordedLists(Path.Combine(Root, scenario));
}
