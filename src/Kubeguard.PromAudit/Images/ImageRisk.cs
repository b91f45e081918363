namespace Kubeguard.PromAudit.Images;

/// <summary>One risk signal for one image.</summary>
/// <param name="Image">The image as written in the pod spec.</param>
/// <param name="Kind">Signal kind: <c>floating-tag</c>, <c>no-digest</c>, <c>moved-tag</c>, <c>major-only-tag</c>, <c>end-of-life</c>, <c>known-exploitable</c>, <c>unsupported-kubernetes</c>, <c>frozen-registry</c>, <c>eol-base</c>, <c>unparseable</c>.</param>
/// <param name="Detail">What was matched.</param>
/// <param name="Workloads">Where it runs (<c>namespace/pod/container</c>).</param>
public sealed record ImageRisk(string Image, string Kind, string Detail, IReadOnlyList<string> Workloads)
{
    /// <summary>True for signals that point at exploitable code rather than hygiene.</summary>
    public bool IsSerious => Kind is "known-exploitable";

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Image}: {Kind}: {Detail} ({string.Join(", ", Workloads.Take(3))}{(Workloads.Count > 3 ? $", +{Workloads.Count - 3} more" : "")})";
}
