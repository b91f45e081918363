using System.Globalization;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Verification;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.SupplyChain.Policy;

/// <summary>A parsed policy, or every problem found (each with its line), never both.</summary>
/// <param name="Policy">The policy, when there were no errors.</param>
/// <param name="Errors">The problems, each <c>line N: …</c>.</param>
public sealed record PolicyParseResult(ImageVerificationPolicy? Policy, IReadOnlyList<string> Errors);

/// <summary>
/// Reads an <c>ImageVerificationPolicy</c> document. Key files are read through the given
/// reader (paths as written in the policy; the host resolves them). Unknown key names, empty
/// globs, impossible thresholds and unknown fields are errors: a policy that does not say what it
/// means must not run.
/// </summary>
public static class PolicyParser
{
    /// <summary>Parses <paramref name="yaml"/>; <paramref name="readKeyFile"/> returns a key file's text, or null when it cannot be read.</summary>
    public static PolicyParseResult Parse(string yaml, Func<string, string?> readKeyFile)
    {
        ArgumentNullException.ThrowIfNull(readKeyFile);
        var errors = new List<string>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return new PolicyParseResult(null, ["line 1: expected exactly one YAML mapping document"]);
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            return new PolicyParseResult(null, [$"line {ex.Start.Line}: {ex.Message}"]);
        }

        Known(root, errors, "apiVersion", "kind", "metadata", "spec");
        if (Scalar(root, "apiVersion") != ImageVerificationPolicy.ApiVersion)
        {
            errors.Add($"line {root.Start.Line}: apiVersion must be {ImageVerificationPolicy.ApiVersion}");
        }

        if (Scalar(root, "kind") != ImageVerificationPolicy.Kind)
        {
            errors.Add($"line {root.Start.Line}: kind must be {ImageVerificationPolicy.Kind}");
        }

        var name = Child(root, "metadata") is YamlMappingNode metadata ? Scalar(metadata, "name") ?? "unnamed" : "unnamed";
        if (Child(root, "spec") is not YamlMappingNode spec)
        {
            errors.Add($"line {root.Start.Line}: spec is required");
            return new PolicyParseResult(null, errors);
        }

        Known(spec, errors, "mode", "noMatch", "keys", "rules");
        var mode = Enum<EnforcementMode>(spec, "mode", EnforcementMode.Enforce, errors);
        var noMatch = Enum<NoMatchAction>(spec, "noMatch", NoMatchAction.Deny, errors);
        var keys = ParseKeys(spec, readKeyFile, errors);
        var rules = new List<VerificationRule>();
        if (Child(spec, "rules") is YamlSequenceNode ruleNodes)
        {
            foreach (var node in ruleNodes)
            {
                if (ParseRule(node, rules.Count, keys, errors) is { } rule)
                {
                    if (rules.Any(r => r.Name == rule.Name))
                    {
                        errors.Add($"line {node.Start.Line}: rule name \"{rule.Name}\" is used twice");
                    }

                    rules.Add(rule);
                }
            }
        }
        else
        {
            errors.Add($"line {spec.Start.Line}: spec.rules must be a list with at least one rule");
        }

        return errors.Count > 0 ? new PolicyParseResult(null, errors) : new PolicyParseResult(new ImageVerificationPolicy(name, rules, noMatch, mode), []);
    }

    private static Dictionary<string, VerificationKey> ParseKeys(YamlMappingNode spec, Func<string, string?> readKeyFile, List<string> errors)
    {
        var keys = new Dictionary<string, VerificationKey>(StringComparer.Ordinal);
        if (Child(spec, "keys") is not YamlSequenceNode list)
        {
            return keys;
        }

        foreach (var node in list)
        {
            if (node is not YamlMappingNode key)
            {
                errors.Add($"line {node.Start.Line}: each key must be a mapping with name and pem or file");
                continue;
            }

            Known(key, errors, "name", "pem", "file");
            var name = Scalar(key, "name");
            var pem = Scalar(key, "pem");
            var file = Scalar(key, "file");
            if (string.IsNullOrEmpty(name) || (pem is null) == (file is null))
            {
                errors.Add($"line {key.Start.Line}: a key needs a name and exactly one of pem or file");
                continue;
            }

            if (file is not null)
            {
                pem = readKeyFile(file);
                if (pem is null)
                {
                    errors.Add($"line {key.Start.Line}: key \"{name}\": cannot read file {file}");
                    continue;
                }
            }

            if (keys.ContainsKey(name))
            {
                errors.Add($"line {key.Start.Line}: key name \"{name}\" is used twice");
            }
            else if (VerificationKey.TryFromPem(name, pem!, out var parsed, out var error))
            {
                keys[name] = parsed!;
            }
            else
            {
                errors.Add($"line {key.Start.Line}: {error}");
            }
        }

        return keys;
    }

    private static VerificationRule? ParseRule(YamlNode node, int index, Dictionary<string, VerificationKey> keys, List<string> errors)
    {
        if (node is not YamlMappingNode rule)
        {
            errors.Add($"line {node.Start.Line}: each rule must be a mapping");
            return null;
        }

        var before = errors.Count;
        Known(rule, errors, "name", "images", "exclude", "keys", "threshold", "attestations", "signatureRepository");
        var name = Scalar(rule, "name") ?? $"rule-{index + 1}";
        var images = Globs(rule, "images", errors);
        if (images.Count == 0)
        {
            errors.Add($"line {rule.Start.Line}: rule \"{name}\": images must list at least one glob");
        }

        var exclude = Globs(rule, "exclude", errors);
        var ruleKeys = KeyRefs(rule, name, keys, errors);
        var threshold = 1;
        if (Scalar(rule, "threshold") is { } thresholdText && (!int.TryParse(thresholdText, NumberStyles.None, CultureInfo.InvariantCulture, out threshold) || threshold > ruleKeys.Count))
        {
            errors.Add($"line {rule.Start.Line}: rule \"{name}\": threshold must be a whole number from 0 to the number of its keys ({ruleKeys.Count})");
        }
        else if (threshold > 0 && ruleKeys.Count == 0)
        {
            errors.Add($"line {rule.Start.Line}: rule \"{name}\": keys must name at least one key (or set threshold: 0)");
        }

        var attestations = new List<AttestationRequirement>();
        if (Child(rule, "attestations") is YamlSequenceNode list)
        {
            foreach (var item in list.OfType<YamlMappingNode>())
            {
                Known(item, errors, "predicateType", "keys");
                var predicateType = Scalar(item, "predicateType");
                if (string.IsNullOrEmpty(predicateType) || !Uri.TryCreate(predicateType, UriKind.Absolute, out _))
                {
                    errors.Add($"line {item.Start.Line}: rule \"{name}\": predicateType must be a URI (e.g. https://slsa.dev/provenance/v1)");
                    continue;
                }

                var attestationKeys = Child(item, "keys") is null ? ruleKeys : KeyRefs(item, name, keys, errors);
                if (attestationKeys.Count == 0)
                {
                    errors.Add($"line {item.Start.Line}: rule \"{name}\": attestation {predicateType} has no keys");
                }

                attestations.Add(new AttestationRequirement(predicateType, attestationKeys));
            }
        }

        var signatureRepository = Scalar(rule, "signatureRepository");
        if (signatureRepository is not null
            && (!ImageReference.TryParse(signatureRepository, out var parsedRepository, out _) || parsedRepository.Tag is not null || parsedRepository.Digest is not null))
        {
            errors.Add($"line {rule.Start.Line}: rule \"{name}\": signatureRepository must be a repository name without tag or digest");
        }

        return errors.Count > before ? null : new VerificationRule(name, images, exclude, ruleKeys, threshold, attestations, signatureRepository);
    }

    private static List<VerificationKey> KeyRefs(YamlMappingNode node, string rule, Dictionary<string, VerificationKey> keys, List<string> errors)
    {
        var result = new List<VerificationKey>();
        foreach (var (line, name) in Strings(node, "keys", errors))
        {
            if (keys.TryGetValue(name, out var key))
            {
                result.Add(key);
            }
            else
            {
                errors.Add($"line {line}: rule \"{rule}\": unknown key \"{name}\" (define it under spec.keys)");
            }
        }

        return result;
    }

    private static List<ImageGlob> Globs(YamlMappingNode node, string field, List<string> errors)
    {
        var globs = new List<ImageGlob>();
        foreach (var (line, text) in Strings(node, field, errors))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"line {line}: {field}: empty glob");
            }
            else
            {
                globs.Add(new ImageGlob(text));
            }
        }

        return globs;
    }

    private static IEnumerable<(long Line, string Value)> Strings(YamlMappingNode node, string field, List<string> errors)
    {
        switch (Child(node, field))
        {
            case null:
                yield break;
            case YamlSequenceNode list:
                foreach (var item in list)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        yield return (item.Start.Line, value);
                    }
                    else
                    {
                        errors.Add($"line {item.Start.Line}: {field} must list strings");
                    }
                }

                break;
            case var other:
                errors.Add($"line {other.Start.Line}: {field} must be a list");
                break;
        }
    }

    private static T Enum<T>(YamlMappingNode node, string field, T fallback, List<string> errors)
        where T : struct, Enum
    {
        var text = Scalar(node, field);
        if (text is null)
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && char.IsLetter(text[0]))
        {
            return value;
        }

        var allowed = string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        errors.Add($"line {Child(node, field)!.Start.Line}: {field} must be one of {allowed}, not \"{text}\"");
        return fallback;
    }

    private static void Known(YamlMappingNode node, List<string> errors, params string[] fields)
    {
        foreach (var key in node.Children.Keys.OfType<YamlScalarNode>().Where(k => !fields.Contains(k.Value, StringComparer.Ordinal)))
        {
            errors.Add($"line {key.Start.Line}: unknown field \"{key.Value}\" (expected one of {string.Join(", ", fields)})");
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string name) =>
        node.Children.TryGetValue(new YamlScalarNode(name), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string name) =>
        Child(node, name) is YamlScalarNode { Value: { } value } ? value : null;
}
