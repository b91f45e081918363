using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Fix.Planning;

/// <summary>
/// What a fix rule sees: the object as written, the object as it will be after the actions
/// applied so far (<see cref="Get"/>), the failing checks, and the way to propose actions.
/// </summary>
internal sealed class PlanContext
{
    private static readonly string[] ContainerLists = ["initContainers", "containers", "ephemeralContainers"];
    private readonly List<FixAction> _actions = [];
    private JsonNode? _working;

    public PlanContext(JsonNode original, PodTemplate template, PodSecurityResult before, FixOptions options)
    {
        Original = original;
        Template = template;
        Before = before;
        Options = options;
        Spec = FieldPath.Parse(template.SpecPath);
        Meta = FieldPath.Parse(template.MetadataPath);
        Minor = options.Evaluator.EffectiveVersion(options.Target.Version).Minor;
        Failing = before.Violations.IsDefaultOrEmpty ? new HashSet<string>(StringComparer.Ordinal) : [.. before.Violations.Select(v => v.CheckId)];
        IsWindows = Str(GetOriginal(Spec.Keys("os", "name"))) == "windows";
    }

    public JsonNode Original { get; }

    public PodTemplate Template { get; }

    public PodSecurityResult Before { get; }

    public FixOptions Options { get; }

    public FieldPath Spec { get; }

    public FieldPath Meta { get; }

    /// <summary>The effective policy minor version (latest clamped to the engine's newest).</summary>
    public long Minor { get; }

    public IReadOnlySet<string> Failing { get; }

    /// <summary>True for <c>spec.os.name: windows</c>: no Linux-only field may be written.</summary>
    public bool IsWindows { get; }

    public FieldPath PodSecurityContext => Spec.Key("securityContext");

    public IReadOnlyList<FixAction> Actions => _actions;

    /// <summary>The edits of every applied action, in planning order.</summary>
    public IEnumerable<EditOp> AppliedEdits => _actions.Where(a => a.Status == ActionStatus.Applied && a.Edit is not null).Select(a => a.Edit!);

    /// <summary>The object as it will be once the actions applied so far are made.</summary>
    public JsonNode Working
    {
        get
        {
            if (_working is null)
            {
                _working = Original.DeepClone();
                JsonEdits.ApplyAll(_working, AppliedEdits);
            }

            return _working;
        }
    }

    public JsonNode? Get(FieldPath path) => JsonEdits.At(Working, path);

    public JsonNode? GetOriginal(FieldPath path) => JsonEdits.At(Original, path);

    /// <summary>Every container (init, regular, ephemeral) with its path and name.</summary>
    public IEnumerable<(FieldPath Path, string Name)> Containers()
    {
        foreach (var list in ContainerLists)
        {
            if (GetOriginal(Spec.Key(list)) is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    yield return (Spec.Key(list).Item(i), Str(items[i]?["name"]) ?? string.Empty);
                }
            }
        }
    }

    public static bool? Bool(JsonNode? node) => node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    public static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    public static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Proposes an edit; its status follows from its class and the user's options.</summary>
    public FixAction Propose(string checkId, SafetyClass safety, EditKind kind, FieldPath path, JsonNode? value, string? note = null, bool userSupplied = false)
    {
        var status = safety switch
        {
            SafetyClass.Safe => ActionStatus.Applied,
            SafetyClass.OptIn when userSupplied || Options.Allows(checkId) => ActionStatus.Applied,
            SafetyClass.OptIn => ActionStatus.NeedsOptIn,
            _ => ActionStatus.Manual,
        };
        return Add(checkId, safety, status, kind, path, value, note);
    }

    /// <summary>Records an edit that is not made because it would make the object invalid.</summary>
    public FixAction Skip(string checkId, SafetyClass safety, EditKind kind, FieldPath path, JsonNode? value, string reason) =>
        Add(checkId, safety, ActionStatus.Skipped, kind, path, value, reason);

    /// <summary>Records a change only a person can make, with a concrete suggestion.</summary>
    public FixAction Manual(string checkId, FieldPath path, string suggestion)
    {
        var action = new FixAction(checkId, SafetyClass.Manual, ActionStatus.Manual, "none", path, Show(GetOriginal(path)), null, suggestion, null);
        _actions.Add(action);
        return action;
    }

    private FixAction Add(string checkId, SafetyClass safety, ActionStatus status, EditKind kind, FieldPath path, JsonNode? value, string? note)
    {
        var edit = new EditOp(kind, path, value);
        var before = kind == EditKind.Append ? Show(GetOriginal(path)) : Show(GetOriginal(path));
        string? after = kind switch
        {
            EditKind.Remove => null,
            EditKind.Append => AppendedShow(path, value),
            _ => JsonEdits.Show(value),
        };
        var action = new FixAction(checkId, safety, status, kind.ToString().ToLowerInvariant(), path, before, after, note, edit);
        _actions.Add(action);
        if (status == ActionStatus.Applied)
        {
            _working = null;
        }

        return action;
    }

    private string AppendedShow(FieldPath path, JsonNode? value)
    {
        var list = GetOriginal(path)?.DeepClone() as JsonArray ?? [];
        list.Add(value?.DeepClone());
        return list.ToJsonString();
    }

    private static string? Show(JsonNode? node) => node is null ? null : node.ToJsonString();

    /// <summary>
    /// True when the container will not run as root after the applied actions: it (or the pod)
    /// sets runAsNonRoot, or its effective runAsUser is above 0.
    /// </summary>
    public bool IsNonRoot(FieldPath container)
    {
        var sc = container.Key("securityContext");
        var own = Bool(Get(sc.Key("runAsNonRoot")));
        if (own == true || (own is null && Bool(Get(PodSecurityContext.Key("runAsNonRoot"))) == true))
        {
            return true;
        }

        var uid = Long(Get(sc.Key("runAsUser"))) ?? Long(Get(PodSecurityContext.Key("runAsUser")));
        return uid > 0;
    }

    /// <summary>The container's effective runAsUser (its own, else the pod's) after the applied actions.</summary>
    public long? EffectiveRunAsUser(FieldPath container) =>
        Long(Get(container.Keys("securityContext", "runAsUser"))) ?? Long(Get(PodSecurityContext.Key("runAsUser")));

    public static JsonNode False => JsonValue.Create(false);

    public static JsonNode True => JsonValue.Create(true);

    public static JsonNode Text(string value) => JsonValue.Create(value);
}
