using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Kubeguard.Checks;

/// <summary>
/// An object of a kind KubernetesClient has no model for (a custom resource such as Calico's
/// <c>FelixConfiguration</c>), kept as a JSON tree.
/// </summary>
public sealed class UnstructuredObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Creates an unstructured object.</summary>
    /// <param name="apiVersion">The object's <c>apiVersion</c>.</param>
    /// <param name="kind">The object's <c>kind</c>.</param>
    /// <param name="metadata">The object's metadata.</param>
    /// <param name="content">The whole object as JSON (scalars may be typed or strings).</param>
    public UnstructuredObject(string apiVersion, string kind, V1ObjectMeta? metadata, JsonObject? content)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Metadata = metadata ?? new V1ObjectMeta();
        Content = content ?? [];
    }

    /// <inheritdoc/>
    public string ApiVersion { get; set; }

    /// <inheritdoc/>
    public string Kind { get; set; }

    /// <inheritdoc/>
    public V1ObjectMeta Metadata { get; set; }

    /// <summary>The whole object as JSON.</summary>
    public JsonObject Content { get; }

    /// <summary>The node at a dotted path (e.g. <c>spec.wireguardEnabled</c>), or null.</summary>
    public JsonNode? At(string dottedPath)
    {
        ArgumentNullException.ThrowIfNull(dottedPath);
        JsonNode? node = Content;
        foreach (var part in dottedPath.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// The boolean at a dotted path: a JSON boolean, or the strings <c>true</c>/<c>false</c>
    /// (YAML read without a schema); null when absent or of any other type.
    /// </summary>
    public bool? BoolAt(string dottedPath) => Values.AsBool(At(dottedPath));
}
