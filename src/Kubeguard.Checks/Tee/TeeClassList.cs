using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubeguard.Checks.Tee;

/// <summary>
/// The runtime class list in force: entries from configuration first (so a site can name its own
/// classes or reclassify one), then the built-in <see cref="TeeRuntimeClasses.Entries"/>.
/// </summary>
public sealed class TeeClassList
{
    /// <summary>The kind of the configuration file.</summary>
    public const string FileKind = "TeeRuntimeClasses";

    /// <summary>The apiVersion of the configuration file.</summary>
    public const string FileApiVersion = "kubeguard.io/v1alpha1";

    private TeeClassList(ImmutableArray<TeeClassEntry> extra, string version)
    {
        Extra = extra;
        Version = version;
    }

    /// <summary>The built-in list alone.</summary>
    public static TeeClassList BuiltIn { get; } = new([], TeeRuntimeClasses.Version);

    /// <summary>The entries from configuration, in file order.</summary>
    public ImmutableArray<TeeClassEntry> Extra { get; }

    /// <summary>The built-in list version, plus the configuration's own version when it gives one.</summary>
    public string Version { get; }

    /// <summary>The first entry matching a class name or handler (configuration first), or null.</summary>
    public TeeClassEntry? Classify(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Extra.FirstOrDefault(e => e.Matches(name.Trim())) ?? TeeRuntimeClasses.Classify(name);

    /// <summary>
    /// Reads a <c>TeeRuntimeClasses</c> file (YAML or JSON):
    /// <c>classes: [{pattern, kind: tee|depends|claims-coco|kata-no-tee|none, platform: upstream|aks|contrast|eks, note}]</c>.
    /// Every entry needs a source note, as the built-in ones have. Errors name the line.
    /// </summary>
    public static (TeeClassList? List, IReadOnlyList<string> Errors) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            return (null, [$"line {ex.Start.Line}: {ex.Message}"]);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return (null, ["expected one YAML mapping (a TeeRuntimeClasses object)"]);
        }

        if (Scalar(root, "kind") != FileKind)
        {
            errors.Add($"kind must be {FileKind}");
        }

        if (Scalar(root, "apiVersion") != FileApiVersion)
        {
            errors.Add($"apiVersion must be {FileApiVersion}");
        }

        var entries = ImmutableArray.CreateBuilder<TeeClassEntry>();
        if (Child(root, "classes") is not YamlSequenceNode classes || classes.Children.Count == 0)
        {
            errors.Add("classes must be a non-empty list");
        }
        else
        {
            foreach (var node in classes.Children)
            {
                if (Entry(node, errors) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }

        var version = Scalar(root, "version") is { Length: > 0 } own ? $"{TeeRuntimeClasses.Version}+{own}" : TeeRuntimeClasses.Version;
        return errors.Count > 0 ? (null, errors) : (new TeeClassList(entries.ToImmutable(), version), errors);
    }

    private static TeeClassEntry? Entry(YamlNode node, List<string> errors)
    {
        var line = node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            errors.Add($"line {line}: a class entry must be a mapping");
            return null;
        }

        var pattern = Scalar(map, "pattern");
        var note = Scalar(map, "note");
        TeeClassKind? kind = Scalar(map, "kind") switch
        {
            "tee" => TeeClassKind.Tee,
            "depends" => TeeClassKind.Depends,
            "claims-coco" => TeeClassKind.ClaimsCoCo,
            "kata-no-tee" => TeeClassKind.KataNoTee,
            "none" => TeeClassKind.None,
            _ => null,
        };
        TeePlatform? platform = (Scalar(map, "platform") ?? "upstream") switch
        {
            "upstream" => TeePlatform.Upstream,
            "aks" => TeePlatform.Aks,
            "contrast" => TeePlatform.Contrast,
            "eks" => TeePlatform.Eks,
            _ => null,
        };
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(pattern))
        {
            errors.Add($"line {line}: pattern is required");
        }

        if (kind is null)
        {
            errors.Add($"line {line}: kind must be one of tee, depends, claims-coco, kata-no-tee, none, not \"{Scalar(map, "kind")}\"");
        }

        if (platform is null)
        {
            errors.Add($"line {line}: platform must be one of upstream, aks, contrast, eks, not \"{Scalar(map, "platform")}\"");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            errors.Add($"line {line}: note is required: say why the class means this and where that comes from");
        }

        if (errors.Count > before)
        {
            return null;
        }

        try
        {
            return new TeeClassEntry(pattern!, kind!.Value, platform!.Value, note!.Trim());
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            errors.Add($"line {line}: pattern \"{pattern}\" is not a valid regular expression ({ex.Message.TrimEnd('.')})");
            return null;
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) =>
        Child(map, key) is YamlScalarNode { Value: var value } ? value : null;
}
