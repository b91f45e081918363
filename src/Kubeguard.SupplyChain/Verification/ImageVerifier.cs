using System.Collections.Concurrent;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Verification;

/// <summary>Cache settings of an <see cref="ImageVerifier"/>.</summary>
public sealed record ImageVerifierOptions
{
    /// <summary>How long a successful verification of (rule, repository, digest) is reused; default 10 minutes. Failures are never cached.</summary>
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock for the cache.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// Verifies image references against an <see cref="ImageVerificationPolicy"/>: parse, pick the
/// first matching rule, resolve the tag once, then look for legacy cosign signatures
/// (<c>.sig</c>), legacy attestations (<c>.att</c>) and Sigstore bundle referrers of exactly that
/// digest, and verify them with the rule's keys. Successful results are cached by
/// (rule, repository, digest).
/// </summary>
public sealed class ImageVerifier
{
    private static readonly Reason[] FailurePriority =
        [Reason.WrongDigest, Reason.NoMatchingKey, Reason.InvalidSignature, Reason.Timeout, Reason.RegistryError, Reason.Unsigned];

    private readonly RegistryClient _registry;
    private readonly ImageVerificationPolicy _policy;
    private readonly ImageVerifierOptions _options;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a verifier over a registry client and a policy.</summary>
    public ImageVerifier(RegistryClient registry, ImageVerificationPolicy policy, ImageVerifierOptions? options = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _options = options ?? new ImageVerifierOptions();
    }

    /// <summary>The policy in force.</summary>
    public ImageVerificationPolicy Policy => _policy;

    /// <summary>Verifies each distinct reference once (concurrently; the registry client bounds requests), in first-seen order.</summary>
    public async Task<IReadOnlyList<ImageVerification>> VerifyAllAsync(IEnumerable<string> references, CancellationToken cancellationToken = default)
    {
        var distinct = references.Distinct(StringComparer.Ordinal).ToList();
        return await Task.WhenAll(distinct.Select(r => VerifyAsync(r, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Verifies one reference. Never throws for registry or content problems: they are results.</summary>
    public async Task<ImageVerification> VerifyAsync(string reference, CancellationToken cancellationToken = default)
    {
        if (!ImageReference.TryParse(reference, out var image, out var parseError))
        {
            return new ImageVerification(reference ?? string.Empty, null, null, null, Reason.Unresolvable, parseError, [], []);
        }

        var rule = _policy.RuleFor(image);
        if (rule is null)
        {
            return _policy.NoMatch switch
            {
                NoMatchAction.Deny => new ImageVerification(reference, image, image.Digest, null, Reason.NoMatchingRule, $"no rule of policy \"{_policy.Name}\" matches {image.Name}, and unmatched images are denied", [], []),
                var action => new ImageVerification(reference, image, image.Digest, null, Reason.NotRequired, $"no rule of policy \"{_policy.Name}\" matches {image.Name}; unmatched images are {(action == NoMatchAction.Warn ? "allowed with a warning" : "allowed")}", [], [])
                {
                    Warning = action == NoMatchAction.Warn,
                },
            };
        }

        Digest digest;
        try
        {
            digest = await _registry.ResolveAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            var reason = ex.Kind switch
            {
                RegistryErrorKind.NotFound => Reason.Unresolvable,
                RegistryErrorKind.Timeout => Reason.Timeout,
                _ => Reason.RegistryError,
            };
            return new ImageVerification(reference, image, null, rule.Name, reason, ex.Message, [], []);
        }

        var outcome = await VerifyDigestAsync(image, digest, rule, cancellationToken).ConfigureAwait(false);
        return new ImageVerification(reference, image, digest, rule.Name, outcome.Reason, outcome.Detail, outcome.VerifiedBy, outcome.Evidence);
    }

    private async Task<Outcome> VerifyDigestAsync(ImageReference image, Digest digest, VerificationRule rule, CancellationToken cancellationToken)
    {
        var (registry, repository) = SignatureLocation(image, rule);
        var key = $"{rule.Name}|{registry}/{repository}|{digest}";
        var now = _options.Time.GetUtcNow();
        var fresh = new CacheEntry(new Lazy<Task<Outcome>>(() => VerifyUncachedAsync(registry, repository, digest, rule, cancellationToken)), now + _options.CacheTtl);
        var entry = _cache.AddOrUpdate(key, fresh, (_, existing) => existing.Expires > now ? existing : fresh);
        Outcome outcome;
        try
        {
            outcome = await entry.Work.Value.ConfigureAwait(false);
        }
        catch
        {
            _cache.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry));
            throw;
        }

        if (outcome.Reason != Reason.Verified)
        {
            _cache.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry));
        }

        return outcome;
    }

    private static (string Registry, string Repository) SignatureLocation(ImageReference image, VerificationRule rule) =>
        rule.SignatureRepository is { } other && ImageReference.TryParse(other, out var parsed, out _)
            ? (parsed.Registry, parsed.Repository)
            : (image.Registry, image.Repository);

    private async Task<Outcome> VerifyUncachedAsync(string registry, string repository, Digest digest, VerificationRule rule, CancellationToken cancellationToken)
    {
        var attestationKeys = rule.Attestations.SelectMany(a => a.Keys).Concat(rule.Keys).DistinctBy(k => k.Name).ToList();
        var evidence = new List<SignatureCheck>();
        try
        {
            var legacySignatures = rule.Threshold > 0
                ? LegacyAsync(registry, repository, digest, ".sig", SimpleSigning.MediaType, rule.Keys, cancellationToken)
                : Task.FromResult<List<SignatureCheck>>([]);
            var legacyAttestations = rule.Attestations.Count > 0
                ? LegacyAsync(registry, repository, digest, ".att", Dsse.EnvelopeMediaType, attestationKeys, cancellationToken)
                : Task.FromResult<List<SignatureCheck>>([]);
            var bundles = BundlesAsync(registry, repository, digest, attestationKeys, cancellationToken);
            await Task.WhenAll(legacySignatures, legacyAttestations, bundles).ConfigureAwait(false);
            evidence.AddRange(legacySignatures.Result);
            evidence.AddRange(legacyAttestations.Result);
            evidence.AddRange(bundles.Result);
        }
        catch (RegistryException ex)
        {
            return new Outcome(ex.Kind == RegistryErrorKind.Timeout ? Reason.Timeout : Reason.RegistryError, ex.Message, [], evidence);
        }

        return Decide(digest, rule, evidence);
    }

    private static Outcome Decide(Digest digest, VerificationRule rule, List<SignatureCheck> evidence)
    {
        var ruleKeys = rule.Keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var signatureChecks = evidence.Where(IsSignature).ToList();
        var signedBy = signatureChecks.Where(c => c.Verified && ruleKeys.Contains(c.KeyName!)).Select(c => c.KeyName!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (rule.Threshold > 0 && signedBy.Count < rule.Threshold)
        {
            if (signedBy.Count > 0)
            {
                return new Outcome(Reason.NoMatchingKey, $"{digest}: signed by {signedBy.Count} of the {rule.Threshold} distinct keys required ({Quote(signedBy)})", signedBy, evidence);
            }

            var failures = signatureChecks.Where(c => !c.Verified).ToList();
            if (failures.Count == 0)
            {
                return new Outcome(Reason.Unsigned, $"{digest}: no signature found (no .sig tag, no Sigstore bundle referrer)", [], evidence);
            }

            var worst = failures.OrderBy(c => Array.IndexOf(FailurePriority, c.Reason) is var i and >= 0 ? i : FailurePriority.Length).First();
            return new Outcome(worst.Reason, $"{digest}: {worst.Detail}", [], evidence);
        }

        var missing = new List<string>();
        foreach (var requirement in rule.Attestations)
        {
            var names = requirement.Keys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
            var ofType = evidence.Where(c => c.PredicateType == requirement.PredicateType && !IsSignature(c)).ToList();
            if (!ofType.Any(c => c.Verified && names.Contains(c.KeyName!)))
            {
                var failed = ofType.FirstOrDefault(c => !c.Verified);
                missing.Add(failed is null ? requirement.PredicateType : $"{requirement.PredicateType} ({failed.Reason.ToWireString()}: {failed.Detail})");
            }
        }

        if (missing.Count > 0)
        {
            return new Outcome(Reason.MissingAttestation, $"{digest}: no verified attestation of type {string.Join(", ", missing)}", signedBy, evidence);
        }

        var formats = signatureChecks.Where(c => c.Verified).Select(c => c.Format == SignatureFormat.Bundle ? "bundle" : "legacy").Distinct().Order(StringComparer.Ordinal);
        var detail = rule.Threshold > 0 ? $"{digest}: signed by {Quote(signedBy)} ({string.Join(", ", formats)})" : $"{digest}: signatures not required";
        if (rule.Attestations.Count > 0)
        {
            detail += $"; attested: {string.Join(", ", rule.Attestations.Select(a => a.PredicateType))}";
        }

        return new Outcome(Reason.Verified, detail + "; transparency log not checked", signedBy, evidence);
    }

    private static bool IsSignature(SignatureCheck check) =>
        check.Format == SignatureFormat.LegacySignature
        || (check.Format == SignatureFormat.Bundle && check.PredicateType is null or Verification.InTotoStatement.CosignSignPredicateType);

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"\"{n}\""));

    private async Task<List<SignatureCheck>> LegacyAsync(string registry, string repository, Digest digest, string suffix, string layerType, IReadOnlyList<VerificationKey> keys, CancellationToken cancellationToken)
    {
        var manifest = await _registry.GetManifestAsync(registry, repository, digest.TagForm + suffix, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return [];
        }

        var format = suffix == ".sig" ? SignatureFormat.LegacySignature : SignatureFormat.LegacyAttestation;
        var layers = manifest.Layers.Where(l => l.MediaType == layerType).Take(50).ToList();
        var checks = await Task.WhenAll(layers.Select(async layer =>
        {
            byte[] blob;
            try
            {
                blob = await _registry.GetBlobAsync(registry, repository, layer, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException ex) when (ex.Kind != RegistryErrorKind.Timeout)
            {
                return SignatureCheck.Fail(Reason.InvalidSignature, ex.Message) with { Format = format };
            }

            if (format == SignatureFormat.LegacySignature)
            {
                return SimpleSigning.Verify(blob, layer.Annotations.GetValueOrDefault(SimpleSigning.SignatureAnnotation), keys, digest) with { Format = format };
            }

            var check = Dsse.TryParse(blob, out var envelope, out var error)
                ? Dsse.Verify(envelope, keys, digest)
                : SignatureCheck.Fail(Reason.InvalidSignature, error, predicateType: layer.Annotations.GetValueOrDefault("predicateType"));
            return check with { Format = format };
        })).ConfigureAwait(false);
        return [.. checks];
    }

    private async Task<List<SignatureCheck>> BundlesAsync(string registry, string repository, Digest digest, IReadOnlyList<VerificationKey> keys, CancellationToken cancellationToken)
    {
        var referrers = await _registry.GetReferrersAsync(registry, repository, digest, cancellationToken).ConfigureAwait(false);
        var candidates = referrers.Where(r => r.ArtifactType is null or "" or Oci.MediaTypes.OciEmpty || r.ArtifactType.StartsWith(SigstoreBundle.MediaTypePrefix, StringComparison.Ordinal));
        var perReferrer = await Task.WhenAll(candidates.Select(async referrer =>
        {
            var checks = new List<SignatureCheck>();
            var manifest = await _registry.GetManifestAsync(registry, repository, referrer.Digest.ToString(), cancellationToken).ConfigureAwait(false);
            foreach (var layer in manifest?.Layers.Where(l => l.MediaType.StartsWith(SigstoreBundle.MediaTypePrefix, StringComparison.Ordinal)).Take(50) ?? [])
            {
                byte[] blob;
                try
                {
                    blob = await _registry.GetBlobAsync(registry, repository, layer, cancellationToken).ConfigureAwait(false);
                }
                catch (RegistryException ex) when (ex.Kind != RegistryErrorKind.Timeout)
                {
                    checks.Add(SignatureCheck.Fail(Reason.InvalidSignature, ex.Message) with { Format = SignatureFormat.Bundle });
                    continue;
                }

                var check = SigstoreBundle.TryParse(blob, out var bundle, out var error)
                    ? bundle.VerifyStatement(keys, digest)
                    : SignatureCheck.Fail(Reason.InvalidSignature, error);
                checks.Add(check with { Format = SignatureFormat.Bundle });
            }

            return checks;
        })).ConfigureAwait(false);
        return [.. perReferrer.SelectMany(c => c)];
    }

    private sealed record Outcome(Reason Reason, string Detail, IReadOnlyList<string> VerifiedBy, IReadOnlyList<SignatureCheck> Evidence);

    private sealed record CacheEntry(Lazy<Task<Outcome>> Work, DateTimeOffset Expires);
}
