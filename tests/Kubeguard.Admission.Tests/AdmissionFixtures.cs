using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Kubeguard.Testing;

namespace Kubeguard.Admission.Tests;

/// <summary>
/// The recorded AdmissionReview pairs in <c>tests/fixtures/admission</c>:
/// <c>&lt;scenario&gt;.request.json</c> and the expected <c>&lt;scenario&gt;.response.json</c>, evaluated
/// with <c>config.yaml</c> and the namespaces and pods in <c>namespaces.yaml</c>.
/// </summary>
public static class AdmissionFixtures
{
    public static string Directory { get; } = Path.Combine(
        typeof(AdmissionFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "FixturesRoot").Value!,
        "admission");

    public static IReadOnlyList<string> Names() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.request.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".request.json".Length])];

    public static TheoryData<string> Scenarios() => new(Names());

    public static PodSecurityConfiguration Configuration()
    {
        var result = PodSecurityConfigurationLoader.Load(File.ReadAllText(Path.Combine(Directory, "config.yaml")));
        return result.Configuration ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    public static StaticNamespaceSource Namespaces()
    {
        var objects = KubeYaml.LoadAll(File.ReadAllText(Path.Combine(Directory, "namespaces.yaml")));
        return new StaticNamespaceSource(objects.OfType<V1Namespace>(), objects.OfType<V1Pod>());
    }

    /// <summary>JSON re-indented with sorted keys, so formatting differences do not matter.</summary>
    public static string Canonical(string json) => Sort(JsonNode.Parse(json))!.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Compares with the expected response; <c>UPDATE_GOLDEN=1</c> writes it instead.</summary>
    public static void AssertResponse(string scenario, string actualJson)
    {
        var path = Path.Combine(Directory, scenario + ".response.json");
        var actual = Canonical(actualJson) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{scenario}.response.json is missing; run with UPDATE_GOLDEN=1 and review it");
        Assert.Equal(Canonical(File.ReadAllText(path)), Canonical(actualJson));
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value?.DeepClone())))),
        JsonArray array => new JsonArray([.. array.Select(n => Sort(n?.DeepClone()))]),
        _ => node?.DeepClone(),
    };
}
