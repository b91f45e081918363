using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.SupplyChain.Admission;

/// <summary>
/// The <c>admission.k8s.io/v1</c> AdmissionReview wire format around <see cref="ImageAdmission"/>:
/// request JSON in, response JSON out (uid copied, <c>allowed</c>, <c>status.message</c> on
/// denial, a base64 <c>JSONPatch</c> when images are pinned, <c>warnings</c>). A malformed review
/// is an <see cref="ArgumentException"/> with the reason (a 400 for the host).
/// </summary>
public static class AdmissionReviewHandler
{
    /// <summary>
    /// Answers one AdmissionReview; <paramref name="namespaceEnforces"/> says whether a namespace
    /// opted workloads into denial; <paramref name="allowPatches"/> is false for a validating
    /// webhook (which may not mutate).
    /// </summary>
    public static async Task<string> HandleAsync(
        string reviewJson, ImageAdmission admission, Func<string, CancellationToken, ValueTask<bool>> namespaceEnforces, bool allowPatches = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(namespaceEnforces);
        JsonObject request;
        try
        {
            request = JsonNode.Parse(reviewJson)?["request"] as JsonObject
                ?? throw new ArgumentException("expected an admission.k8s.io/v1 AdmissionReview with a request");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"malformed AdmissionReview JSON: {ex.Message}", nameof(reviewJson), ex);
        }

        var uid = request["uid"]?.GetValue<string>() ?? throw new ArgumentException("AdmissionReview request has no uid");
        var kind = request["kind"]?["kind"]?.GetValue<string>() ?? string.Empty;
        var operation = request["operation"]?.GetValue<string>() ?? string.Empty;
        var subResource = request["subResource"]?.GetValue<string>();
        var ns = request["namespace"]?.GetValue<string>() ?? string.Empty;
        var response = new JsonObject { ["uid"] = uid, ["allowed"] = true };
        if (request["object"] is JsonObject obj && operation is "CREATE" or "UPDATE")
        {
            var enforces = await namespaceEnforces(ns, cancellationToken).ConfigureAwait(false);
            var decision = await admission.ReviewAsync(new ImageAdmissionRequest(kind, operation, subResource, obj, enforces), cancellationToken).ConfigureAwait(false);
            response["allowed"] = decision.Allowed;
            if (!decision.Allowed)
            {
                response["status"] = new JsonObject { ["code"] = 403, ["reason"] = "Forbidden", ["message"] = decision.Message };
            }

            if (allowPatches && decision.PatchJson is { } patch)
            {
                response["patchType"] = "JSONPatch";
                response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch));
            }

            if (decision.Warnings.Count > 0)
            {
                response["warnings"] = new JsonArray([.. decision.Warnings.Select(w => (JsonNode)w)]);
            }
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response }.ToJsonString();
    }
}
