using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Checks.Exemptions;

/// <summary>
/// Reads the exemptions file shared by <c>scan</c>, <c>cluster</c> and the webhook:
/// <code>
/// apiVersion: kubeguard.io/v1alpha1
/// kind: Exemptions
/// exemptions:
///   - check: image-not-pinned-by-digest
///     namespace: monitoring          # any of namespace, kind, name, container, imageDigest
///     kind: DaemonSet
///     name: node-exporter
///     container: node-exporter
///     reason: vendor chart pins by tag; tracked in OPS-112
///     owner: team-observability
///     expires: 2027-03-31            # last day it applies
/// </code>
/// Invalid entries (unknown check, missing reason, owner or expiry, no key to match on, unknown
/// field) are rejected with their line and exempt nothing; the rest of the file still applies.
/// </summary>
public static class ExemptionsFile
{
    /// <summary>The apiVersion the file declares.</summary>
    public const string ApiVersion = "kubeguard.io/v1alpha1";

    private static readonly string[] Required = ["reason", "owner", "expires"];

    private static readonly string[] Keys = ["namespace", "kind", "name", "container", "imageDigest"];

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "check", "namespace", "kind", "name", "container", "imageDigest", "reason", "owner", "expires",
    };

    /// <summary>Parses the text of an exemptions file named <paramref name="source"/> (used in messages).</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">Its name, e.g. the path given on the command line.</param>
    /// <param name="knownChecks">Check IDs exemptions may name; by default the built-in checks.</param>
    public static ExemptionSet Parse(string text, string source, IReadOnlySet<string>? knownChecks = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        knownChecks ??= BuiltInChecks.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            return new ExemptionSet([], [new ExemptionProblem($"{source}:{ex.Start.Line}", $"not valid YAML: {ex.Message}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ExemptionSet([], [new ExemptionProblem($"{source}:1", "expected a mapping with apiVersion, kind and exemptions")]);
        }

        var problems = ImmutableArray.CreateBuilder<ExemptionProblem>();
        if (Scalar(root, "apiVersion") != ApiVersion || Scalar(root, "kind") != "Exemptions")
        {
            problems.Add(new ExemptionProblem($"{source}:{root.Start.Line}", $"expected apiVersion {ApiVersion} and kind Exemptions"));
        }

        var exemptions = ImmutableArray.CreateBuilder<Exemption>();
        if (Child(root, "exemptions") is not YamlSequenceNode list)
        {
            problems.Add(new ExemptionProblem($"{source}:{root.Start.Line}", "exemptions must be a list"));
            return new ExemptionSet(exemptions.ToImmutable(), problems.ToImmutable());
        }

        foreach (var node in list.Children)
        {
            var where = $"{source}:{node.Start.Line}";
            if (Entry(node, where, knownChecks, out var errors) is { } exemption)
            {
                exemptions.Add(exemption);
            }
            else
            {
                problems.Add(new ExemptionProblem(where, string.Join("; ", errors)));
            }
        }

        return new ExemptionSet(exemptions.ToImmutable(), problems.ToImmutable());
    }

    private static Exemption? Entry(YamlNode node, string where, IReadOnlySet<string> knownChecks, out List<string> errors)
    {
        errors = [];
        if (node is not YamlMappingNode map)
        {
            errors.Add("each exemption must be a mapping");
            return null;
        }

        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty).Where(k => !Fields.Contains(k)))
        {
            errors.Add($"unknown field \"{key}\"");
        }

        var check = Scalar(map, "check");
        if (string.IsNullOrEmpty(check))
        {
            errors.Add("check is required");
        }
        else if (!knownChecks.Contains(check))
        {
            errors.Add($"unknown check \"{check}\"");
        }

        foreach (var field in Required.Where(f => string.IsNullOrWhiteSpace(Scalar(map, f))))
        {
            errors.Add($"{field} is required");
        }

        var expires = InlineExemptions.ExpiryDate(Scalar(map, "expires") is { Length: > 0 } e ? e : null, errors);
        if (Keys.All(k => string.IsNullOrEmpty(Scalar(map, k))))
        {
            errors.Add("set at least one of namespace, kind, name, container or imageDigest (switch a whole check off with its family or severity instead)");
        }

        if (errors.Count > 0 || expires is null)
        {
            return null;
        }

        return new Exemption(check!, Scalar(map, "reason")!, Scalar(map, "owner")!, expires.Value, where)
        {
            Namespace = NullIfEmpty(Scalar(map, "namespace")),
            Kind = NullIfEmpty(Scalar(map, "kind")),
            Name = NullIfEmpty(Scalar(map, "name")),
            Container = NullIfEmpty(Scalar(map, "container")),
            ImageDigest = NullIfEmpty(Scalar(map, "imageDigest")),
        };
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value?.Trim();

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
