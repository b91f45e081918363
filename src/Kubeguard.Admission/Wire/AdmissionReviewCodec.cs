using System.Text.Json;

namespace Kubeguard.Admission.Wire;

/// <summary>
/// Reads an <c>admission.k8s.io/v1</c> AdmissionReview request and writes the response: the only
/// place that knows the wire format. Malformed input gives a one-line reason, never an exception.
/// </summary>
public static class AdmissionReviewCodec
{
    /// <summary>Parses a request body.</summary>
    public static ReviewParseResult Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return ReviewParseResult.Fail("request body is empty; expected an admission.k8s.io/v1 AdmissionReview");
        }

        AdmissionReview? review;
        try
        {
            review = JsonSerializer.Deserialize(body, WireJsonContext.Wire.AdmissionReview);
        }
        catch (JsonException ex)
        {
            return ReviewParseResult.Fail("request body is not a valid AdmissionReview JSON document: " + OneLine(ex.Message));
        }

        if (review is null)
        {
            return ReviewParseResult.Fail("request body is null; expected an admission.k8s.io/v1 AdmissionReview");
        }

        if (review.ApiVersion != AdmissionReview.V1 || review.Kind != AdmissionReview.ReviewKind)
        {
            return ReviewParseResult.Fail(
                $"expected apiVersion \"{AdmissionReview.V1}\" and kind \"{AdmissionReview.ReviewKind}\", got \"{review.ApiVersion}\" and \"{review.Kind}\"");
        }

        if (review.Request is not { } request)
        {
            return ReviewParseResult.Fail("AdmissionReview has no request");
        }

        if (string.IsNullOrEmpty(request.Uid))
        {
            return ReviewParseResult.Fail("AdmissionReview request has no uid");
        }

        if (string.IsNullOrEmpty(request.Operation) || string.IsNullOrEmpty(request.Resource?.Resource))
        {
            return ReviewParseResult.Fail("AdmissionReview request has no operation or resource");
        }

        return ReviewParseResult.Ok(request);
    }

    /// <summary>The evaluator's view of a request.</summary>
    public static AdmissionAttributes ToAttributes(AdmissionRequest request, DateTimeOffset? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AdmissionAttributes
        {
            Operation = request.Operation ?? string.Empty,
            Group = request.Resource?.Group ?? string.Empty,
            Resource = request.Resource?.Resource ?? string.Empty,
            Subresource = request.SubResource ?? string.Empty,
            Name = request.Name ?? string.Empty,
            Namespace = request.Namespace ?? string.Empty,
            Username = request.UserInfo?.Username ?? string.Empty,
            NewObject = request.NewObject,
            OldObject = request.OldObject,
            Deadline = deadline,
        };
    }

    /// <summary>The response review for <paramref name="decision"/>, carrying <paramref name="uid"/>.</summary>
    public static AdmissionReview Respond(string uid, AdmissionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new AdmissionReview
        {
            ApiVersion = AdmissionReview.V1,
            Kind = AdmissionReview.ReviewKind,
            Response = new AdmissionResponse
            {
                Uid = uid,
                Allowed = decision.Allowed,
                Status = decision.Status is { } s ? ToStatus(s) : null,
                Warnings = decision.Warnings.IsDefaultOrEmpty ? null : decision.Warnings,
                AuditAnnotations = decision.AuditAnnotations.IsEmpty ? null : decision.AuditAnnotations,
            },
        };
    }

    /// <summary>Serializes a review as UTF-8 JSON.</summary>
    public static byte[] Serialize(AdmissionReview review) =>
        JsonSerializer.SerializeToUtf8Bytes(review, WireJsonContext.Wire.AdmissionReview);

    /// <summary>Writes a review as UTF-8 JSON to <paramref name="writer"/>.</summary>
    public static void Serialize(Utf8JsonWriter writer, AdmissionReview review) =>
        JsonSerializer.Serialize(writer, review, WireJsonContext.Wire.AdmissionReview);

    /// <summary>Deserializes a review (tests and tools).</summary>
    public static AdmissionReview? Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, WireJsonContext.Wire.AdmissionReview);

    private static Status ToStatus(AdmissionStatus status)
    {
        var hasDetails = status.DetailsName is not null || status.DetailsKind is not null || !status.Causes.IsDefaultOrEmpty;
        return new Status
        {
            Outcome = "Failure",
            Message = status.Message,
            Reason = status.Reason,
            Code = status.Code,
            Details = hasDetails
                ? new StatusDetails
                {
                    Name = string.IsNullOrEmpty(status.DetailsName) ? null : status.DetailsName,
                    Group = string.IsNullOrEmpty(status.DetailsGroup) ? null : status.DetailsGroup,
                    Kind = string.IsNullOrEmpty(status.DetailsKind) ? null : status.DetailsKind,
                    Causes = status.Causes.IsDefaultOrEmpty
                        ? null
                        : [.. status.Causes.Select(c => new StatusCause { Reason = c.Reason, Message = c.Message, Field = c.Field })],
                }
                : null,
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
