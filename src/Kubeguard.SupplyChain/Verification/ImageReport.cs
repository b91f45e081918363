using System.Collections.Immutable;
using System.Globalization;
using Kubeguard.Reporting;
using Kubeguard.SupplyChain.Manifests;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>
/// Image verification results as a shared <see cref="Report"/> (one target per distinct image
/// reference, located at its first use in the manifests), so every output format is the
/// project's own writers'.
/// </summary>
public static class ImageReport
{
    /// <summary>The command name reports carry.</summary>
    public const string Command = "images verify";

    /// <summary>One rule per failure cause.</summary>
    public static ImmutableArray<Rule> Rules { get; } =
    [
        Rule(Reason.Unsigned, "No signature or attestation was found for the image digest.", "Sign the image (cosign sign --key) and push the signature to the registry."),
        Rule(Reason.InvalidSignature, "A signature was found, but no configured key verifies it over the signed bytes.", "Re-sign with a key the policy holds, or add the signer's public key to the policy."),
        Rule(Reason.WrongDigest, "The signature verifies, but its payload names another image digest (or the statement has no matching subject).", "Sign this exact digest; a signature copied from another image does not count."),
        Rule(Reason.NoMatchingKey, "The signatures come from keys the policy does not hold, or fewer distinct keys than the rule's threshold signed.", "Have the required number of policy keys sign the image."),
        Rule(Reason.MissingAttestation, "A required attestation predicate type has no verified attestation for the digest.", "Attest the image with the required predicate type (cosign attest --key --type)."),
        Rule(Reason.Unresolvable, "The reference is invalid, or its tag or repository does not exist.", "Fix the image reference, or push the image."),
        Rule(Reason.RegistryError, "The registry failed: authentication, a server error, or malformed content.", "Check registry credentials (--docker-config) and availability."),
        Rule(Reason.Timeout, "The registry did not answer within the timeout.", "Check registry reachability, or raise --timeout."),
        Rule(Reason.NoMatchingRule, "No policy rule matches the image and the policy denies unmatched images.", "Add a rule for the image, or set spec.noMatch."),
    ];

    /// <summary>
    /// The report for <paramref name="results"/>; <paramref name="uses"/> locate each reference in
    /// the manifests (references given directly have no location).
    /// </summary>
    public static Report ToReport(IReadOnlyList<ImageVerification> results, IReadOnlyList<ImageUse> uses, IEnumerable<InputError> errors, ImmutableArray<KeyValuePair<string, int>> counters)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(uses);
        var targets = results.Select(result =>
        {
            var use = uses.FirstOrDefault(u => u.Reference == result.Reference);
            var location = use?.Location;
            var properties = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            properties["reason"] = result.Reason.ToWireString();
            properties["transparencyLog"] = ImageVerification.TransparencyLog;
            properties["uses"] = uses.Count(u => u.Reference == result.Reference).ToString(CultureInfo.InvariantCulture);
            Add(properties, "digest", result.Digest?.ToString());
            Add(properties, "pinned", result.Pinned);
            Add(properties, "rule", result.Rule);
            Add(properties, "verifiedBy", result.VerifiedBy.Count > 0 ? string.Join(",", result.VerifiedBy) : null);
            Add(properties, "warning", result.Warning ? result.Detail : null);
            ImmutableArray<Finding> findings = result.Passed
                ? []
                : [new Finding(result.Reason.ToWireString(), Severity.High, result.Reason.ToWireString(), result.Detail)
                {
                    Location = location,
                    Subject = use?.Subject,
                    Remediation = Rules.FirstOrDefault(r => r.Id == result.Reason.ToWireString())?.Help ?? string.Empty,
                }];
            var name = result.Digest is { } digest && result.Image?.Digest is null ? $"{result.Reference} ({digest})" : result.Reference;
            return new Target(name, result.Passed, findings)
            {
                Subject = use?.Subject,
                Location = location,
                Message = result.Passed ? string.Empty : $"{result.Reason.ToWireString()}: {result.Detail}",
                Properties = properties.ToImmutable(),
            };
        });

        return new Report(ToolInfo.Kubeguard, Rules, [.. targets], [.. errors])
        {
            Command = Command,
            Counters = counters,
        };
    }

    /// <summary>Distinct digests among <paramref name="results"/>.</summary>
    public static int DistinctDigests(IEnumerable<ImageVerification> results) =>
        results.Where(r => r.Digest is not null).Select(r => r.Digest).Distinct().Count();

    private static Rule Rule(Reason reason, string description, string help) =>
        new(reason.ToWireString(), reason.ToWireString(), description, help, Severity.High) { Tags = ["supply-chain"] };

    private static void Add(ImmutableSortedDictionary<string, string>.Builder properties, string key, string? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }
}
