using System.Collections.Frozen;
using Kubeguard.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Admission;

/// <summary>
/// Reads upstream's <c>PodSecurityConfiguration</c> (<c>pod-security.admission.config.k8s.io</c>
/// <c>v1</c>, <c>v1beta1</c>, <c>v1alpha1</c>) from JSON or YAML text: strict decoding (unknown
/// fields are errors), upstream defaulting and upstream validation.
/// </summary>
public static class PodSecurityConfigurationLoader
{
    /// <summary>The configuration API group.</summary>
    public const string Group = "pod-security.admission.config.k8s.io";

    /// <summary>The kind.</summary>
    public const string Kind = "PodSecurityConfiguration";

    private static readonly FrozenSet<string> Versions = FrozenSet.Create(StringComparer.Ordinal, "v1", "v1beta1", "v1alpha1");
    private static readonly string[] TopFields = ["apiVersion", "kind", "defaults", "exemptions"];
    private static readonly string[] DefaultFields = ["enforce", "enforce-version", "audit", "audit-version", "warn", "warn-version"];
    private static readonly string[] ExemptionFields = ["usernames", "namespaces", "runtimeClasses"];

    /// <summary>Loads a configuration from <paramref name="text"/>; empty text means the defaults.</summary>
    public static ConfigurationLoadResult Load(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ConfigurationLoadResult(PodSecurityConfiguration.Default, []);
        }

        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return Fail("expected one PodSecurityConfiguration object");
            }

            root = mapping;
        }
        catch (YamlException ex)
        {
            return Fail($"line {ex.Start.Line}: {ex.Message}");
        }

        var errors = new List<string>();
        var fields = Fields(root, string.Empty, TopFields, errors);
        var apiVersion = Scalar(fields, "apiVersion", string.Empty, errors);
        var kind = Scalar(fields, "kind", string.Empty, errors);
        // Upstream's decoder names what is missing and quotes the whole input it was given.
        if (string.IsNullOrEmpty(kind))
        {
            return Fail($"Object 'Kind' is missing in '{text}'");
        }

        if (string.IsNullOrEmpty(apiVersion))
        {
            return Fail($"Object 'apiVersion' is missing in '{text}'");
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || apiVersion[..slash] != Group || !Versions.Contains(apiVersion[(slash + 1)..]) || kind != Kind)
        {
            // Upstream appends ` in scheme "<source file:line>"`, which depends on how the API
            // server was built; the fixed part is reproduced.
            return Fail($"no kind {GoText.Quote(kind)} is registered for version {GoText.Quote(apiVersion)}");
        }

        var defaults = fields.TryGetValue("defaults", out var d) ? Fields(d, "defaults", DefaultFields, errors) : [];
        var exemptions = fields.TryGetValue("exemptions", out var e) ? Fields(e, "exemptions", ExemptionFields, errors) : [];
        if (errors.Count > 0)
        {
            // One error listing every problem, as upstream's strict decoder reports them.
            return Fail("strict decoding error: " + string.Join(", ", errors));
        }

        var values = DefaultFields.ToDictionary(f => f, f => Scalar(defaults, f, "defaults.", errors), StringComparer.Ordinal);
        var usernames = List(exemptions, "usernames", errors);
        var namespaces = List(exemptions, "namespaces", errors);
        var runtimeClasses = List(exemptions, "runtimeClasses", errors);
        if (errors.Count > 0)
        {
            return new ConfigurationLoadResult(null, [.. errors]);
        }

        // Upstream validates the defaults in this order: enforce, warn, audit.
        var validation = new List<FieldError>();
        var enforce = new LevelVersion(Level(values, "enforce", validation), Version(values, "enforce-version", validation));
        var warn = new LevelVersion(Level(values, "warn", validation), Version(values, "warn-version", validation));
        var audit = new LevelVersion(Level(values, "audit", validation), Version(values, "audit-version", validation));
        var policy = new NamespacePolicy(enforce, audit, warn);
        ValidateNames(namespaces, "exemptions.namespaces", KubernetesNames.LabelErrors, validation);
        ValidateNames(runtimeClasses, "exemptions.runtimeClasses", KubernetesNames.SubdomainErrors, validation);
        ValidateNames(usernames, "exemptions.usernames", u => u.Length == 0 ? ["username must not be empty"] : [], validation);
        if (validation.Count > 0)
        {
            return new ConfigurationLoadResult(null, [.. validation.Select(v => v.ToString())]);
        }

        var configuration = new PodSecurityConfiguration(
            policy,
            usernames.ToFrozenSet(StringComparer.Ordinal),
            namespaces.ToFrozenSet(StringComparer.Ordinal),
            runtimeClasses.ToFrozenSet(StringComparer.Ordinal));
        return new ConfigurationLoadResult(configuration, []);
    }

    private static ConfigurationLoadResult Fail(string message) => new(null, [message]);

    private static Dictionary<string, YamlNode> Fields(YamlNode node, string path, string[] known, List<string> errors)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (IsNull(node))
        {
            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            errors.Add($"{(path.Length == 0 ? "object" : path)}: expected an object");
            return result;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            var full = path.Length == 0 ? key : path + "." + key;
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                errors.Add($"unknown field {GoText.Quote(full)}");
            }
            else if (!result.TryAdd(key, value))
            {
                errors.Add($"duplicate field {GoText.Quote(full)}");
            }
        }

        return result;
    }

    private static string Scalar(Dictionary<string, YamlNode> fields, string key, string prefix, List<string> errors)
    {
        if (!fields.TryGetValue(key, out var node) || IsNull(node))
        {
            return string.Empty;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }

        errors.Add($"{prefix}{key}: expected a string");
        return string.Empty;
    }

    private static List<string> List(Dictionary<string, YamlNode> fields, string key, List<string> errors)
    {
        if (!fields.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        if (node is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode))
        {
            return [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty)];
        }

        errors.Add($"exemptions.{key}: expected a list of strings");
        return [];
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" };

    // Upstream defaulting: an empty level is privileged, an empty version latest; then validation.
    private static Policy.Level Level(Dictionary<string, string> values, string key, List<FieldError> errors)
    {
        var text = values[key];
        if (text.Length == 0)
        {
            return Policy.Level.Privileged;
        }

        if (Levels.TryParse(text, out var level))
        {
            return level;
        }

        errors.Add(new FieldError("defaults." + key, FieldErrorType.Invalid, text, Levels.InvalidLevelMessage));
        return Policy.Level.Privileged;
    }

    private static PolicyVersion Version(Dictionary<string, string> values, string key, List<FieldError> errors)
    {
        var text = values[key];
        if (text.Length == 0)
        {
            return PolicyVersion.Latest;
        }

        if (PolicyVersion.TryParse(text, out var version))
        {
            return version;
        }

        errors.Add(new FieldError("defaults." + key, FieldErrorType.Invalid, text, PolicyVersion.InvalidVersionMessage));
        return PolicyVersion.Latest;
    }

    private static void ValidateNames(List<string> values, string path, Func<string, List<string>> check, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            var field = $"{path}[{i}]";
            var problems = check(values[i]);
            if (problems.Count > 0)
            {
                errors.Add(new FieldError(field, FieldErrorType.Invalid, values[i], string.Join(", ", problems)));
            }
            else if (!seen.Add(values[i]))
            {
                errors.Add(new FieldError(field, FieldErrorType.Duplicate, values[i], string.Empty));
            }
        }
    }
}
