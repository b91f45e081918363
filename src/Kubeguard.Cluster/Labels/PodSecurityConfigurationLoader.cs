using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Kubeguard.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Cluster.Labels;

/// <summary>
/// Reads a <c>PodSecurityConfiguration</c> (alone, or as the <c>PodSecurity</c> plugin entry of an
/// <c>AdmissionConfiguration</c>) strictly: unknown fields, unknown versions and invalid values are
/// errors with their field path, and nothing is guessed.
/// </summary>
/// <remarks>Kept apart from the reader so the admission library's loader can replace it.</remarks>
public static partial class PodSecurityConfigurationLoader
{
    private const string Group = "pod-security.admission.config.k8s.io";
    private static readonly string[] Versions = ["v1", "v1beta1", "v1alpha1"];
    private static readonly string[] DefaultKeys = ["enforce", "enforce-version", "audit", "audit-version", "warn", "warn-version"];

    /// <summary>Parses <paramref name="yaml"/>; returns the configuration, or null with the errors.</summary>
    public static (PodSecurityConfiguration? Configuration, ImmutableArray<string> Errors) Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var errors = ImmutableArray.CreateBuilder<string>();
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            root = stream.Documents.Count == 1 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlException ex)
        {
            return (null, [$"line {ex.Start.Line}: {ex.Message}"]);
        }

        if (root is null)
        {
            return (null, ["expected one YAML document holding a PodSecurityConfiguration"]);
        }

        if (Scalar(root, "kind") == "AdmissionConfiguration")
        {
            root = PluginConfiguration(root, errors);
            if (root is null)
            {
                return (null, errors.ToImmutable());
            }
        }

        var apiVersion = Scalar(root, "apiVersion");
        var kind = Scalar(root, "kind");
        if (apiVersion is null || kind is null)
        {
            return (null, ["apiVersion and kind must be set (expected pod-security.admission.config.k8s.io/v1, kind PodSecurityConfiguration)"]);
        }

        if (kind != "PodSecurityConfiguration" || !Versions.Any(v => apiVersion == Group + "/" + v))
        {
            return (null, [$"no kind \"{kind}\" is registered for version \"{apiVersion}\""]);
        }

        Unknown(root, "", ["apiVersion", "kind", "defaults", "exemptions"], errors);
        var defaults = ReadDefaults(Child(root, "defaults"), errors);
        var exemptions = Child(root, "exemptions");
        Unknown(exemptions, "exemptions.", ["usernames", "namespaces", "runtimeClasses"], errors);
        var usernames = List(exemptions, "usernames", errors, (v, p) => v.Length == 0 ? $"{p}: Invalid value: \"\": username must not be empty" : null);
        var namespaces = List(exemptions, "namespaces", errors, (v, p) => DnsLabel().IsMatch(v) ? null : $"{p}: Invalid value: {GoText.Quote(v)}: a valid namespace name is required");
        var runtimeClasses = List(exemptions, "runtimeClasses", errors, (v, p) => DnsSubdomain().IsMatch(v) && v.Length <= 253 ? null : $"{p}: Invalid value: {GoText.Quote(v)}: a valid runtime class name is required");

        if (errors.Count > 0)
        {
            return (null, errors.ToImmutable());
        }

        return (new PodSecurityConfiguration(
            defaults,
            namespaces.ToImmutableHashSet(StringComparer.Ordinal),
            runtimeClasses.ToImmutableHashSet(StringComparer.Ordinal),
            [.. usernames]), []);
    }

    private static YamlMappingNode? PluginConfiguration(YamlMappingNode admission, ImmutableArray<string>.Builder errors)
    {
        if (Child(admission, "plugins") is YamlSequenceNode plugins)
        {
            foreach (var plugin in plugins.OfType<YamlMappingNode>())
            {
                if (Scalar(plugin, "name") == "PodSecurity")
                {
                    if (Child(plugin, "configuration") is YamlMappingNode configuration)
                    {
                        return configuration;
                    }

                    errors.Add("the PodSecurity plugin entry has no inline configuration");
                    return null;
                }
            }
        }

        errors.Add("the AdmissionConfiguration has no PodSecurity plugin entry");
        return null;
    }

    private static NamespacePolicy ReadDefaults(YamlNode? node, ImmutableArray<string>.Builder errors)
    {
        Unknown(node, "defaults.", DefaultKeys, errors);
        var values = DefaultKeys.ToDictionary(k => k, k => node is YamlMappingNode m ? Scalar(m, k) : null, StringComparer.Ordinal);
        LevelVersion Mode(string mode)
        {
            var level = Level.Privileged;
            var version = PolicyVersion.Latest;
            if (!string.IsNullOrEmpty(values[mode]) && !Levels.TryParse(values[mode], out level))
            {
                errors.Add($"defaults.{mode}: Invalid value: {GoText.Quote(values[mode])}: {Levels.InvalidLevelMessage}");
            }

            var versionText = values[mode + "-version"];
            if (!string.IsNullOrEmpty(versionText) && !PolicyVersion.TryParse(versionText, out version))
            {
                errors.Add($"defaults.{mode}-version: Invalid value: {GoText.Quote(versionText)}: {PolicyVersion.InvalidVersionMessage}");
            }

            return new LevelVersion(level, version);
        }

        return new NamespacePolicy(Mode("enforce"), Mode("audit"), Mode("warn"), []);
    }

    private static List<string> List(YamlNode? parent, string key, ImmutableArray<string>.Builder errors, Func<string, string, string?> validate)
    {
        var values = new List<string>();
        if (parent is not YamlMappingNode map || Child(map, key) is not { } node)
        {
            return values;
        }

        if (node is not YamlSequenceNode sequence)
        {
            errors.Add($"exemptions.{key}: expected a list of strings");
            return values;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"exemptions.{key}[{i}]";
            var value = (sequence.Children[i] as YamlScalarNode)?.Value ?? string.Empty;
            if (validate(value, path) is { } problem)
            {
                errors.Add(problem);
            }
            else if (!seen.Add(value))
            {
                errors.Add($"{path}: Duplicate value: {GoText.Quote(value)}");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static void Unknown(YamlNode? node, string prefix, string[] known, ImmutableArray<string>.Builder errors)
    {
        if (node is not YamlMappingNode map)
        {
            return;
        }

        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!known.Contains(key.Value, StringComparer.Ordinal))
            {
                errors.Add($"line {key.Start.Line}: unknown field \"{prefix}{key.Value}\"");
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
