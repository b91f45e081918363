using System.Text.Json.Nodes;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Admission;

/// <summary>How admission-time verification behaves on timeouts.</summary>
public sealed record ImageAdmissionOptions
{
    /// <summary>The whole review's budget (below the webhook's <c>timeoutSeconds</c>); default 8 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The text a denial starts with when the review ran out of time.</summary>
    public string TimeoutMessage { get; init; } = "image verification did not finish in time";
}

/// <summary>What admission is asked about: the object (a Pod, or a workload with a pod template) and its context.</summary>
/// <param name="Kind">The object's kind (<c>Pod</c>, <c>Deployment</c>, …).</param>
/// <param name="Operation"><c>CREATE</c> or <c>UPDATE</c>.</param>
/// <param name="SubResource">The subresource (<c>ephemeralcontainers</c>), or null.</param>
/// <param name="Resource">The object as JSON.</param>
/// <param name="NamespaceEnforcesWorkloads">True when the namespace opted into denying workload templates (otherwise they only get warnings).</param>
public sealed record ImageAdmissionRequest(string Kind, string Operation, string? SubResource, JsonObject Resource, bool NamespaceEnforcesWorkloads = false);

/// <summary>One JSON Patch operation (RFC 6902) that pins an image.</summary>
/// <param name="Path">The JSON pointer to the <c>image</c> field.</param>
/// <param name="Value">The pinned reference.</param>
public sealed record ImagePatch(string Path, string Value)
{
    /// <summary>Always <c>replace</c>.</summary>
    public static string Op => "replace";
}

/// <summary>The admission answer: allowed or denied with a message, patches that pin images, and warnings.</summary>
/// <param name="Allowed">Whether the object is admitted.</param>
/// <param name="Message">The denial text, or null.</param>
/// <param name="Patches">The pinning patches (Pods only, never in audit mode).</param>
/// <param name="Warnings">Warnings for the client.</param>
/// <param name="Results">Every image verification behind the answer.</param>
public sealed record ImageAdmissionDecision(bool Allowed, string? Message, IReadOnlyList<ImagePatch> Patches, IReadOnlyList<string> Warnings, IReadOnlyList<ImageVerification> Results)
{
    /// <summary>The patches as a JSON Patch document (<c>[{"op":"replace","path":…,"value":…}]</c>), or null when there are none.</summary>
    public string? PatchJson => Patches.Count == 0
        ? null
        : new JsonArray([.. Patches.Select(p => (JsonNode)new JsonObject { ["op"] = ImagePatch.Op, ["path"] = p.Path, ["value"] = p.Value })]).ToJsonString();
}

/// <summary>
/// Admission-time image verification. Pods: every image is verified (each tag resolved once);
/// in enforce mode an unverified image denies the Pod, and verified tags are pinned to the digest
/// that was verified (<c>repo:tag@sha256:…</c>) with a JSON Patch. Workload templates are never
/// mutated and only warned about, unless their namespace opts into enforcement. Warn mode admits
/// with warnings and still pins; audit mode admits with warnings and never mutates.
/// </summary>
public sealed class ImageAdmission
{
    /// <summary>The namespace label that opts workload templates into denial.</summary>
    public const string EnforceWorkloadsLabel = "kubeguard.io/enforce-image-verification";

    private readonly ImageVerifier _verifier;
    private readonly ImageAdmissionOptions _options;

    /// <summary>Creates the reviewer over a (long-lived, caching) verifier.</summary>
    public ImageAdmission(ImageVerifier verifier, ImageAdmissionOptions? options = null)
    {
        _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));
        _options = options ?? new ImageAdmissionOptions();
    }

    /// <summary>Reviews one object.</summary>
    public async Task<ImageAdmissionDecision> ReviewAsync(ImageAdmissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isPod = request.Kind == "Pod";
        var images = PodImages.Find(request.Kind, request.Resource);
        if (images.Count == 0)
        {
            return new ImageAdmissionDecision(true, null, [], [], []);
        }

        var mode = _verifier.Policy.Mode;
        var denies = mode == EnforcementMode.Enforce && (isPod || request.NamespaceEnforcesWorkloads);
        IReadOnlyList<ImageVerification> results;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.Timeout);
        try
        {
            results = await _verifier.VerifyAllAsync(images.Select(i => i.Reference), budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var text = $"{_options.TimeoutMessage} ({_options.Timeout.TotalSeconds:0.###} s)";
            return denies ? new ImageAdmissionDecision(false, text, [], [], []) : new ImageAdmissionDecision(true, null, [], [text], []);
        }

        var byReference = results.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        var failures = new List<string>();
        var warnings = new List<string>();
        var patches = new List<ImagePatch>();
        foreach (var image in images)
        {
            var result = byReference[image.Reference];
            if (!result.Passed)
            {
                failures.Add(Describe(image, result));
            }
            else if (result.Warning)
            {
                warnings.Add($"{image.Container}: {result.Detail}");
            }
            else if (isPod && mode != EnforcementMode.Audit && result.Reason == Reason.Verified && result.ResolvedFromTag)
            {
                patches.Add(new ImagePatch(image.Path, result.Pinned!));
            }
        }

        if (failures.Count > 0 && denies)
        {
            var prefix = results.Any(r => r.Reason == Reason.Timeout) ? _options.TimeoutMessage + ": " : string.Empty;
            return new ImageAdmissionDecision(false, prefix + string.Join("; ", failures), [], warnings, results);
        }

        warnings.AddRange(failures);
        return new ImageAdmissionDecision(true, null, patches, warnings, results);
    }

    private static string Describe(PodImage image, ImageVerification result)
    {
        var digest = result.Digest is { } d && result.Image?.Digest is null ? $"@{d}" : string.Empty;
        var rule = result.Rule is null ? string.Empty : $" (rule {result.Rule})";
        return $"{image.Container} {image.Reference}{digest}: {result.Reason.ToWireString()}{rule}: {result.Detail}";
    }
}
