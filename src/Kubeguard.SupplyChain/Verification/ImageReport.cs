using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// The results of one verification run, grouped by digest (one verification per digest, every
/// reference that led to it listed), rendered as a table or as JSON.
/// </summary>
public sealed class ImageReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Creates the report.</summary>
    public ImageReport(IReadOnlyList<ImageVerification> results) => Results = results ?? throw new ArgumentNullException(nameof(results));

    /// <summary>Every result, one per distinct reference.</summary>
    public IReadOnlyList<ImageVerification> Results { get; }

    /// <summary>True when any image failed.</summary>
    public bool HasFailures => Results.Any(r => !r.Passed);

    /// <summary>Distinct digests verified.</summary>
    public int DistinctDigests => Results.Where(r => r.Digest is not null).Select(r => r.Digest).Distinct().Count();

    /// <summary>One line per reference: status, reference, digest, rule, reason and detail; then a summary line.</summary>
    public void WriteTable(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var result in Results.OrderBy(r => r.Passed).ThenBy(r => r.Reference, StringComparer.Ordinal))
        {
            var status = result.Passed ? (result.Warning ? "WARN" : "PASS") : "FAIL";
            var digest = result.Digest?.ToString() ?? "-";
            output.WriteLine($"{status}  {result.Reference}  {digest}  rule={result.Rule ?? "-"}  {result.Reason.ToWireString()}: {result.Detail}");
        }

        var failed = Results.Count(r => !r.Passed);
        output.WriteLine($"{Results.Count} image reference(s), {DistinctDigests} distinct digest(s): {Results.Count - failed} passed, {failed} failed; transparency log: {ImageVerification.TransparencyLog}");
    }

    /// <summary>The report as indented JSON (<c>images[]</c> with reference, digest, pinned, rule, passed, reason, detail, keys, evidence).</summary>
    public void WriteJson(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var images = new JsonArray();
        foreach (var result in Results)
        {
            images.Add(new JsonObject
            {
                ["reference"] = result.Reference,
                ["digest"] = result.Digest?.ToString(),
                ["pinned"] = result.Pinned,
                ["rule"] = result.Rule,
                ["passed"] = result.Passed,
                ["warning"] = result.Warning,
                ["reason"] = result.Reason.ToWireString(),
                ["detail"] = result.Detail,
                ["verifiedBy"] = new JsonArray([.. result.VerifiedBy.Select(k => (JsonNode)k)]),
                ["evidence"] = new JsonArray([.. result.Evidence.Select(e => (JsonNode)new JsonObject
                {
                    ["format"] = e.Format switch
                    {
                        SignatureFormat.LegacySignature => "legacy-signature",
                        SignatureFormat.LegacyAttestation => "legacy-attestation",
                        SignatureFormat.Bundle => "bundle",
                        _ => null,
                    },
                    ["reason"] = e.Reason.ToWireString(),
                    ["key"] = e.KeyName,
                    ["predicateType"] = e.PredicateType,
                    ["detail"] = e.Detail,
                })]),
            });
        }

        var root = new JsonObject
        {
            ["images"] = images,
            ["summary"] = new JsonObject
            {
                ["references"] = Results.Count,
                ["distinctDigests"] = DistinctDigests,
                ["passed"] = Results.Count(r => r.Passed),
                ["failed"] = Results.Count(r => !r.Passed),
                ["transparencyLog"] = ImageVerification.TransparencyLog,
            },
        };
        output.WriteLine(root.ToJsonString(Indented));
    }
}
