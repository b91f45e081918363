using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Cluster.Psp;

/// <summary>Where PodSecurityPolicy objects come from: manifests, or an older cluster that still serves them.</summary>
public static class PspSources
{
    /// <summary>The PodSecurityPolicy objects in YAML or JSON text (several documents and <c>List</c>s allowed), and the documents that could not be read.</summary>
    public static (ImmutableArray<JsonObject> Policies, ImmutableArray<string> Errors) FromText(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var policies = ImmutableArray.CreateBuilder<JsonObject>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add($"{source}:{ex.Start.Line}: {ex.Message}");
            return (policies.ToImmutable(), errors.ToImmutable());
        }

        foreach (var document in stream.Documents)
        {
            if (ToJson(document.RootNode) is JsonObject obj)
            {
                Collect(obj, policies);
            }
        }

        return (policies.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>Lists <c>policy/v1beta1</c> PodSecurityPolicies from the cluster (served until Kubernetes 1.24).</summary>
    public static async Task<(ImmutableArray<JsonObject> Policies, ClusterFailure? Failure)> FromClusterAsync(IKubernetes client, string server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync("policy", "v1beta1", "podsecuritypolicies", cancellationToken: cancellationToken).ConfigureAwait(false);
            var node = list is JsonElement element ? JsonNode.Parse(element.GetRawText()) : JsonNode.Parse(KubernetesJson.Serialize(list));
            var policies = ImmutableArray.CreateBuilder<JsonObject>();
            if (node is JsonObject obj)
            {
                Collect(obj, policies);
            }

            return (policies.ToImmutable(), null);
        }
        catch (Exception ex) when (ApiFailures.Classify(ex, server, cancellationToken) is { } failure)
        {
            return ([], failure.Kind == FailureKind.NotFound
                ? failure with { Message = "the cluster does not serve policy/v1beta1 PodSecurityPolicy (removed in Kubernetes 1.25); pass the policies as files" }
                : failure);
        }
    }

    /// <summary>Pods per namespace for each PodSecurityPolicy name, from an audit's <c>kubernetes.io/psp</c> annotation counts.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Usage(ClusterReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Namespaces
            .SelectMany(n => n.PodSecurityPolicies.Select(p => (Policy: p.Key, Namespace: n.Name, Pods: p.Value)))
            .GroupBy(u => u.Policy, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(u => u.Namespace, u => u.Pods, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static void Collect(JsonObject obj, ImmutableArray<JsonObject>.Builder policies)
    {
        var kind = obj["kind"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (kind == "PodSecurityPolicy")
        {
            policies.Add(obj);
        }
        else if (obj["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["kind"] is null && kind == "PodSecurityPolicyList")
                {
                    item["kind"] = "PodSecurityPolicy";
                }

                Collect(item, policies);
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children
            .Where(c => c.Key is YamlScalarNode)
            .Select(c => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value ?? string.Empty, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" } => null,
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };
}
