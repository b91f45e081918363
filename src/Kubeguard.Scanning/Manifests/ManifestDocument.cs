using System.Text.Json.Nodes;
using k8s.Models;
using Kubeguard.Policy.Workloads;
using Kubeguard.Reporting;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// One Kubernetes object read from a manifest: a YAML or JSON document, or one item of a
/// <c>*List</c>. Carries its source location, the raw tree, the typed model for known kinds, and
/// resolves any field path to its line.
/// </summary>
public sealed class ManifestDocument
{
    private readonly PositionIndex _index;
    private readonly SourceMark _mark;

    internal ManifestDocument(SourceLocation location, JsonObject raw, SourceMark mark, PositionIndex index, string? listItemPath, object? model, PodTemplate? podTemplate)
    {
        Location = location;
        Raw = raw;
        _mark = mark;
        _index = index;
        ListItemPath = listItemPath;
        Model = model;
        PodTemplate = podTemplate;
        ApiVersion = (string)raw["apiVersion"]!;
        Kind = (string)raw["kind"]!;
        var metadata = raw["metadata"] as JsonObject;
        Name = StringOrNull(metadata?["name"]) ?? StringOrNull(metadata?["generateName"]);
        Namespace = StringOrNull(metadata?["namespace"]);
    }

    /// <summary>Where the object starts (for a list item: the item's line).</summary>
    public SourceLocation Location { get; }

    /// <summary><c>apiVersion</c>, e.g. <c>apps/v1</c>.</summary>
    public string ApiVersion { get; }

    /// <summary><c>kind</c>, e.g. <c>Deployment</c>.</summary>
    public string Kind { get; }

    /// <summary><c>metadata.name</c> (or <c>generateName</c>), when set.</summary>
    public string? Name { get; }

    /// <summary><c>metadata.namespace</c> as written (null when absent).</summary>
    public string? Namespace { get; }

    /// <summary>The path of the item in its list document (e.g. <c>items[3]</c>), or null for a top-level document.</summary>
    public string? ListItemPath { get; }

    /// <summary>The object as read (do not mutate it: positions are keyed to its nodes).</summary>
    public JsonObject Raw { get; }

    /// <summary>The KubernetesClient model (<see cref="V1Deployment"/>, …) for kinds in <see cref="KnownKinds"/>; null otherwise.</summary>
    public object? Model { get; }

    /// <summary>The pod template (or pod) the object carries, or null. Do not mutate; use <see cref="CreatePodTemplate"/>.</summary>
    public PodTemplate? PodTemplate { get; }

    /// <summary>True when the object carries a pod or pod template.</summary>
    public bool IsPodBearing => PodTemplate is not null;

    /// <summary>The object as a report subject.</summary>
    public Subject Subject => new(ApiVersion, Kind, Namespace, Name);

    /// <summary>The typed model as <typeparamref name="T"/>, or null.</summary>
    public T? As<T>()
        where T : class => Model as T;

    /// <summary>
    /// The position of the field at <paramref name="path"/> (relative to this object, e.g.
    /// <c>spec.template.spec.containers[1].securityContext</c>), or of its deepest existing parent.
    /// </summary>
    public FieldPosition Locate(string path)
    {
        if (!FieldPath.TryParse(path, out var segments))
        {
            return new FieldPosition(_mark.Line, _mark.Column, string.Empty, Exact: false);
        }

        return _index.Locate(Raw, _mark, segments);
    }

    /// <summary>The line of the field at <paramref name="path"/>, or of its deepest existing parent.</summary>
    public int LineOf(string path) => Locate(path).Line;

    /// <summary>A report location for the field at <paramref name="path"/> (line of the field or its deepest parent).</summary>
    public Location LocationOf(string? path)
    {
        if (path is null)
        {
            return Location.ToLocation();
        }

        var position = Locate(path);
        return Location.ToLocation(path, position.Line, position.Column);
    }

    /// <summary>A fresh typed model, safe to mutate (e.g. to apply API server defaults), or null for kinds without one.</summary>
    public object? CreateModel() => KnownKinds.Deserialize(ApiVersion, Kind, Raw);

    /// <summary>A fresh copy of the pod template, safe to mutate, or null.</summary>
    public PodTemplate? CreatePodTemplate() => PodTemplateOf(ApiVersion, Kind, Raw, CreateModel());

    internal static PodTemplate? PodTemplateOf(string apiVersion, string kind, JsonObject raw, object? model)
    {
        if (PodTemplates.From(model) is { } template)
        {
            return template;
        }

        if (model is null && KnownKinds.EmbeddedTemplatePath(apiVersion, kind) is { } path && raw["spec"]?["template"] is JsonObject node)
        {
            return PodTemplates.Of(KnownKinds.Deserialize<V1PodTemplateSpec>(node), path);
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => Subject.DisplayName + " at " + Location;

    private static string? StringOrNull(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
