namespace Kubeguard.Admission.Wire;

/// <summary>A parsed AdmissionReview request, or the one-line reason it was rejected.</summary>
public readonly record struct ReviewParseResult(AdmissionRequest? Request, string? Error)
{
    /// <summary>A request.</summary>
    public static ReviewParseResult Ok(AdmissionRequest request) => new(request, null);

    /// <summary>A rejection reason.</summary>
    public static ReviewParseResult Fail(string error) => new(null, error);
}
