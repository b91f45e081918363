using System.Collections.Immutable;

namespace Kubeguard.Admission;

/// <summary>A failure status (Kubernetes <c>metav1.Status</c>) of a rejected request.</summary>
/// <param name="Code">HTTP-like code: 400, 403, 422 or 500.</param>
/// <param name="Reason">Machine reason: <c>BadRequest</c>, <c>Forbidden</c>, <c>Invalid</c>, <c>InternalError</c>.</param>
/// <param name="Message">The exact message the API server shows.</param>
public sealed record AdmissionStatus(int Code, string Reason, string Message)
{
    /// <summary>Details: group of the object.</summary>
    public string? DetailsGroup { get; init; }

    /// <summary>Details: kind (for Forbidden, the resource).</summary>
    public string? DetailsKind { get; init; }

    /// <summary>Details: object name.</summary>
    public string? DetailsName { get; init; }

    /// <summary>Details: causes.</summary>
    public ImmutableArray<AdmissionStatusCause> Causes { get; init; } = [];

    /// <summary>400 BadRequest.</summary>
    public static AdmissionStatus BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>500 InternalError: <c>Internal error occurred: …</c>.</summary>
    public static AdmissionStatus InternalError(string error) =>
        new(500, "InternalError", "Internal error occurred: " + error) { Causes = [new AdmissionStatusCause(null, error, null)] };
}

/// <summary>One cause inside a status' details.</summary>
/// <param name="Reason">Cause reason, e.g. <c>FieldValueInvalid</c>.</param>
/// <param name="Message">Cause message.</param>
/// <param name="Field">Field path.</param>
public sealed record AdmissionStatusCause(string? Reason, string Message, string? Field);
