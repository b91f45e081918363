using System.Text.Json;

namespace Kubeguard.Admission;

/// <summary>What an admission request asks, independent of how it arrived.</summary>
public sealed record AdmissionAttributes
{
    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>API group of the resource (empty for the core group).</summary>
    public string Group { get; init; } = string.Empty;

    /// <summary>Resource, e.g. <c>pods</c> or <c>deployments</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>Subresource, e.g. <c>ephemeralcontainers</c>; empty for the main resource.</summary>
    public string Subresource { get; init; } = string.Empty;

    /// <summary>Object name; may be empty on CREATE with a generated name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Namespace of the object (for a Namespace request, empty).</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The requesting (or impersonated) user.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary>The object as JSON.</summary>
    public JsonElement? NewObject { get; init; }

    /// <summary>The previous object as JSON (UPDATE only).</summary>
    public JsonElement? OldObject { get; init; }

    /// <summary>When the caller stops waiting for the answer, if known.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Group-qualified resource as the API server prints it: <c>pods</c>, <c>deployments.apps</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Resource : Resource + "." + Group;
}
