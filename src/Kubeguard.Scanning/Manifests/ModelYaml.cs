using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubeguard.Scanning.Manifests;

/// <summary>
/// A KubernetesClient model as block YAML, written from its Kubernetes JSON form with YamlDotNet's
/// emitter (no reflection): camelCase fields in model order, nulls left out, and strings that YAML
/// would read as something else (<c>true</c>, <c>0644</c>, <c>~</c>, empty) double-quoted,
/// multi-line strings as literal blocks. The text ends with the last value, without a line break.
/// </summary>
public static partial class ModelYaml
{
    /// <summary>The YAML text of <paramref name="model"/>.</summary>
    public static string Serialize(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var node = JsonNode.Parse(KubernetesJson.Serialize(model));
        using var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var (name, value) in obj)
                {
                    emitter.Emit(new Scalar(name));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray items:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            default:
                var kind = node.GetValueKind();
                if (kind == JsonValueKind.String)
                {
                    var text = node.GetValue<string>();
                    var style = NotAString().IsMatch(text) ? ScalarStyle.DoubleQuoted : text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Any;
                    emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
                }
                else
                {
                    emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                }

                break;
        }
    }

    /// <summary>Plain texts YAML 1.1 reads as null, a boolean or a number (and the empty string).</summary>
    [GeneratedRegex(@"^(~|null|true|false|on|off|yes|no|y|n|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|nan))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotAString();
}
