using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Cluster.Psp;

/// <summary>Writes PodSecurityPolicy assessments as text or JSON.</summary>
public static class PspOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="assessments"/> for people.</summary>
    public static void WriteText(IEnumerable<PspAssessment> assessments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var a in assessments)
        {
            output.WriteLine($"PodSecurityPolicy {a.Name}: equivalent to or stricter than {a.Equivalent}");
            foreach (var result in a.Stricter)
            {
                output.WriteLine($"  not {result.Policy}: {result.ForbiddenDetail}");
            }

            foreach (var lost in a.Lost)
            {
                output.WriteLine($"  no Pod Security equivalent: {lost}");
            }

            if (a.Namespaces.Count > 0)
            {
                output.WriteLine($"  used by pods in: {string.Join(", ", a.Namespaces.Select(n => $"{n.Key} ({n.Value})"))}");
            }
        }
    }

    /// <summary>Writes <paramref name="assessments"/> as a JSON array.</summary>
    public static void WriteJson(IEnumerable<PspAssessment> assessments, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(output);
        var array = new JsonArray([.. assessments.Select(a => (JsonNode)new JsonObject
        {
            ["name"] = a.Name,
            ["equivalent"] = a.Equivalent.ToString(),
            ["stricter"] = new JsonArray([.. a.Stricter.Select(r => (JsonNode)new JsonObject
            {
                ["policy"] = r.Policy.ToString(),
                ["reasons"] = r.ForbiddenReason,
                ["detail"] = r.ForbiddenDetail,
            })]),
            ["lost"] = new JsonArray([.. a.Lost.Select(l => (JsonNode)JsonValue.Create(l))]),
            ["namespaces"] = new JsonObject(a.Namespaces.Select(n => new KeyValuePair<string, JsonNode?>(n.Key, n.Value))),
        })]);
        output.WriteLine(array.ToJsonString(Options));
    }
}
