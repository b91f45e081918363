using Kubeguard.Images;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Policy;

/// <summary>What to do with an image that no rule matches.</summary>
public enum NoMatchAction
{
    /// <summary>Fail it (<see cref="Reason.NoMatchingRule"/>). The default: fail closed.</summary>
    Deny,

    /// <summary>Pass it with a warning.</summary>
    Warn,

    /// <summary>Pass it silently.</summary>
    Allow,
}

/// <summary>How admission applies the policy.</summary>
public enum EnforcementMode
{
    /// <summary>Deny unverified Pods and pin verified ones.</summary>
    Enforce,

    /// <summary>Admit with warnings; pin verified Pods.</summary>
    Warn,

    /// <summary>Admit with warnings; never mutate.</summary>
    Audit,
}

/// <summary>A required attestation: a predicate type, verified by any of the keys named.</summary>
/// <param name="PredicateType">The in-toto predicate type URI, e.g. <c>https://slsa.dev/provenance/v1</c>.</param>
/// <param name="Keys">The keys that may sign it.</param>
public sealed record AttestationRequirement(string PredicateType, IReadOnlyList<VerificationKey> Keys);

/// <summary>One rule: which images, which keys, how many of them, which attestations.</summary>
/// <param name="Name">The rule name; results and denials report it.</param>
/// <param name="Images">The image globs the rule applies to.</param>
/// <param name="Exclude">Globs that take images back out.</param>
/// <param name="Keys">The keys that may sign the image.</param>
/// <param name="Threshold">How many distinct keys must have signed (0: signatures not required).</param>
/// <param name="Attestations">The attestations the image must carry.</param>
/// <param name="SignatureRepository">Where signatures are stored (<c>registry/repo</c>) when not beside the image.</param>
public sealed record VerificationRule(
    string Name,
    IReadOnlyList<ImageGlob> Images,
    IReadOnlyList<ImageGlob> Exclude,
    IReadOnlyList<VerificationKey> Keys,
    int Threshold,
    IReadOnlyList<AttestationRequirement> Attestations,
    string? SignatureRepository = null)
{
    /// <summary>True when an image glob matches <paramref name="image"/> and no exclusion does.</summary>
    public bool Matches(ImageReference image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var written = image.Original.Split('@')[0];
        var colon = written.LastIndexOf(':');
        if (colon > written.LastIndexOf('/'))
        {
            written = written[..colon];
        }

        return Images.Any(g => g.Matches(image.Name, written)) && !Exclude.Any(g => g.Matches(image.Name, written));
    }
}

/// <summary>
/// Kubeguard's image verification policy (<c>kubeguard.io/v1alpha1</c>, kind
/// <c>ImageVerificationPolicy</c>): ordered rules (the first matching rule applies), named keys,
/// and what to do with images no rule matches.
/// </summary>
/// <param name="Name">The policy name (<c>metadata.name</c>).</param>
/// <param name="Rules">The rules, in order.</param>
/// <param name="NoMatch">What to do with images no rule matches.</param>
/// <param name="Mode">How admission applies the policy.</param>
public sealed record ImageVerificationPolicy(string Name, IReadOnlyList<VerificationRule> Rules, NoMatchAction NoMatch, EnforcementMode Mode)
{
    /// <summary>The policy API version.</summary>
    public const string ApiVersion = "kubeguard.io/v1alpha1";

    /// <summary>The policy kind.</summary>
    public const string Kind = "ImageVerificationPolicy";

    /// <summary>The quick form <c>--key a.pub [--key b.pub]</c>: every image, signed by any one of the keys.</summary>
    public static ImageVerificationPolicy ForKeys(IReadOnlyList<VerificationKey> keys) =>
        new("keys", [new VerificationRule("keys", [new ImageGlob("**")], [], keys, 1, [])], NoMatchAction.Deny, EnforcementMode.Enforce);

    /// <summary>The first rule that matches <paramref name="image"/>, or null.</summary>
    public VerificationRule? RuleFor(ImageReference image) => Rules.FirstOrDefault(r => r.Matches(image));
}
