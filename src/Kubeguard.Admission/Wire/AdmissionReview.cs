using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubeguard.Admission.Wire;

/// <summary><c>admission.k8s.io/v1</c> <c>AdmissionReview</c>: the webhook wire payload.</summary>
public sealed record AdmissionReview
{
    /// <summary>The API version this webhook speaks.</summary>
    public const string V1 = "admission.k8s.io/v1";

    /// <summary>The payload kind.</summary>
    public const string ReviewKind = "AdmissionReview";

    /// <summary><c>admission.k8s.io/v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    /// <summary><c>AdmissionReview</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>Set by the API server.</summary>
    [JsonPropertyName("request")]
    public AdmissionRequest? Request { get; init; }

    /// <summary>Set by the webhook.</summary>
    [JsonPropertyName("response")]
    public AdmissionResponse? Response { get; init; }
}

/// <summary>The request half of an <see cref="AdmissionReview"/>.</summary>
public sealed record AdmissionRequest
{
    /// <summary>Identifies the round trip; echoed in the response.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>Kind of the object (as converted for this webhook).</summary>
    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; init; }

    /// <summary>Resource being requested.</summary>
    [JsonPropertyName("resource")]
    public GroupVersionResource? Resource { get; init; }

    /// <summary>Subresource, if any.</summary>
    [JsonPropertyName("subResource")]
    public string? SubResource { get; init; }

    /// <summary>Original request kind.</summary>
    [JsonPropertyName("requestKind")]
    public GroupVersionKind? RequestKind { get; init; }

    /// <summary>Original request resource.</summary>
    [JsonPropertyName("requestResource")]
    public GroupVersionResource? RequestResource { get; init; }

    /// <summary>Original request subresource.</summary>
    [JsonPropertyName("requestSubResource")]
    public string? RequestSubResource { get; init; }

    /// <summary>Object name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Object namespace.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    /// <summary>Requesting user.</summary>
    [JsonPropertyName("userInfo")]
    public UserInfo? UserInfo { get; init; }

    /// <summary>The object.</summary>
    [JsonPropertyName("object")]
    public JsonElement? NewObject { get; init; }

    /// <summary>The previous object (UPDATE, DELETE).</summary>
    [JsonPropertyName("oldObject")]
    public JsonElement? OldObject { get; init; }

    /// <summary>True for a dry-run request.</summary>
    [JsonPropertyName("dryRun")]
    public bool? DryRun { get; init; }

    /// <summary>Operation options.</summary>
    [JsonPropertyName("options")]
    public JsonElement? Options { get; init; }
}

/// <summary>Group, version and kind.</summary>
public sealed record GroupVersionKind(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("kind")] string? Kind);

/// <summary>Group, version and resource.</summary>
public sealed record GroupVersionResource(
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("resource")] string? Resource);

/// <summary>The requesting user.</summary>
public sealed record UserInfo
{
    /// <summary>User name.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>User UID.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>Groups.</summary>
    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Extra attributes.</summary>
    [JsonPropertyName("extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}

/// <summary>The response half of an <see cref="AdmissionReview"/>.</summary>
public sealed record AdmissionResponse
{
    /// <summary>Must equal the request's uid.</summary>
    [JsonPropertyName("uid")]
    public required string Uid { get; init; }

    /// <summary>True when the request may proceed.</summary>
    [JsonPropertyName("allowed")]
    public bool Allowed { get; init; }

    /// <summary>Failure status when not allowed.</summary>
    [JsonPropertyName("status")]
    public Status? Status { get; init; }

    /// <summary>Warnings for the client.</summary>
    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Audit annotations (the API server prefixes each key with the webhook name).</summary>
    [JsonPropertyName("auditAnnotations")]
    public IReadOnlyDictionary<string, string>? AuditAnnotations { get; init; }
}

/// <summary>Kubernetes <c>metav1.Status</c>.</summary>
public sealed record Status
{
    /// <summary>Always empty list metadata.</summary>
    [JsonPropertyName("metadata")]
    public StatusMetadata Metadata { get; init; } = new();

    /// <summary><c>Failure</c>.</summary>
    [JsonPropertyName("status")]
    public string? Outcome { get; init; }

    /// <summary>Human-readable message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Machine-readable reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Details.</summary>
    [JsonPropertyName("details")]
    public StatusDetails? Details { get; init; }

    /// <summary>HTTP-like code.</summary>
    [JsonPropertyName("code")]
    public int Code { get; init; }
}

/// <summary>Empty list metadata of a status.</summary>
public sealed record StatusMetadata;

/// <summary>Details of a status.</summary>
public sealed record StatusDetails
{
    /// <summary>Object name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Group.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    /// <summary>Kind (for Forbidden, the resource).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>Causes.</summary>
    [JsonPropertyName("causes")]
    public IReadOnlyList<StatusCause>? Causes { get; init; }
}

/// <summary>One cause of a status.</summary>
public sealed record StatusCause
{
    /// <summary>Reason.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Field path.</summary>
    [JsonPropertyName("field")]
    public string? Field { get; init; }
}
