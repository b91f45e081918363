using System.Reflection;
using System.Text.Json.Nodes;
using Kubeguard.Testing.KubeApi;

namespace Kubeguard.Cluster.Tests;

/// <summary>Loads a recorded-style cluster from <c>tests/fixtures/cluster/&lt;scenario&gt;/</c> into a local API server.</summary>
internal static class ClusterFixtures
{
    public static string Root { get; } = Path.Combine(
        typeof(ClusterFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixturesRoot").Value!,
        "cluster");

    public static void Load(FakeKubeApiServer server, string scenario)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, scenario), "*.json"))
        {
            var list = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var apiVersion = list["apiVersion"]!.GetValue<string>();
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var objects = new FakeObjects();
            foreach (var item in list["items"]!.AsArray())
            {
                objects.Add(item!.DeepClone().AsObject());
            }

            server.Serve(
                slash < 0 ? "" : apiVersion[..slash],
                slash < 0 ? apiVersion : apiVersion[(slash + 1)..],
                Path.GetFileNameWithoutExtension(file),
                list["kind"]!.GetValue<string>(),
                objects);
        }
    }
}
